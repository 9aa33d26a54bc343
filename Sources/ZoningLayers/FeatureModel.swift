/// The feature model (`Feature`, `Schema`, `Field`, `FeatureSource`, `FeatureSink`) lives in
/// ZoningFeatures, below the analyses, which read layers through it without linking any format
/// library. Every user of the drivers gets it with `import ZoningLayers`.
@_exported import ZoningFeatures
