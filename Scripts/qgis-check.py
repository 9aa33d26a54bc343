#!/usr/bin/env python3
"""Opens a run's layers and project in QGIS itself (Debian's python3-qgis, headless) and
reports what QGIS made of their styles, for zoning's tests (StyleOutputsQGISTests).

    QT_QPA_PLATFORM=offscreen python3 Scripts/qgis-check.py CHECKS.json

CHECKS.json:
    {"layers": [{"source": "out/villages-classified.shp", "provider": "ogr", "name": "villages-classified"}, …],
     "slds":   [{"source": "out/villages-classified.shp", "sld": "out/villages-classified.sld", "name": …}, …],
     "project": "moved/zoning.qgs",
     "render":  {"layer": "城乡分类：村级单位", "png": "classes.png", "points": [[x, y], …]}}

Prints one JSON object: per layer its validity, renderer type, field, categories / ranges /
rules with their fill colours (#rrggbbaa) and labels, the label field and scale; per SLD the
rules QGIS read; the project's layers with their validity; the colour rendered at each point.
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsMapRendererSequentialJob, QgsMapSettings, QgsPointXY, QgsProject,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


def colour(c):
    return "#%02x%02x%02x%02x" % (c.red(), c.green(), c.blue(), c.alpha())


def symbol_colour(symbol):
    return colour(symbol.symbolLayer(0).color()) if symbol is not None and symbol.symbolLayerCount() else None


def describe(layer):
    out = {"valid": layer.isValid(), "features": layer.featureCount() if layer.isValid() else None}
    renderer = layer.renderer()
    if renderer is None:
        return out
    out["renderer"] = renderer.type()
    if renderer.type() == "categorizedSymbol":
        out["field"] = renderer.classAttribute()
        out["categories"] = [[str(c.value()), symbol_colour(c.symbol()), c.label()] for c in renderer.categories()]
    elif renderer.type() == "graduatedSymbol":
        out["field"] = renderer.classAttribute()
        out["ranges"] = [[r.lowerValue(), r.upperValue(), symbol_colour(r.symbol()), r.label()] for r in renderer.ranges()]
    elif renderer.type() == "RuleRenderer":
        out["rules"] = [[r.filterExpression(), symbol_colour(r.symbol()), r.label()] for r in renderer.rootRule().children()]
    elif renderer.type() == "singleSymbol":
        out["colour"] = symbol_colour(renderer.symbol())
    if layer.labelsEnabled() and layer.labeling() is not None:
        settings = layer.labeling().settings()
        out["label"] = {"field": settings.fieldName, "scale_visibility": settings.scaleVisibility,
                        "minimum_scale": settings.minimumScale, "font": settings.format().font().family()}
    return out


def main():
    checks = json.load(open(sys.argv[1], encoding="utf-8"))
    app = QgsApplication([], False)
    app.initQgis()
    result = {"layers": [], "slds": [], "project": None, "render": None}
    for entry in checks.get("layers", []):
        layer = QgsVectorLayer(entry["source"], entry["name"], entry.get("provider", "ogr"))
        result["layers"].append(dict(describe(layer), source=entry["source"]))
    for entry in checks.get("slds", []):
        layer = QgsVectorLayer(entry["source"], entry["name"], "ogr")
        message, ok = layer.loadSldStyle(entry["sld"])
        result["slds"].append(dict(describe(layer), sld=entry["sld"], loaded=ok, message=message))
    if checks.get("project"):
        project = QgsProject.instance()
        read = project.read(checks["project"])
        tree = [node.layer() for node in project.layerTreeRoot().findLayers()]
        layers = [{"name": l.name(), "valid": l.isValid(), "source": l.source(), "features": l.featureCount() if l.isValid() else None,
                   "renderer": l.renderer().type() if l.renderer() else None}
                  for l in tree if l is not None]
        groups = [g.name() for g in project.layerTreeRoot().findGroups()]
        result["project"] = {"read": read, "crs": project.crs().authid(), "crs_valid": project.crs().isValid(), "crs_proj": project.crs().toProj(),
                             "title": project.title(), "layers": layers, "missing": len(tree) - len(layers), "groups": groups}
        render = checks.get("render")
        if render:
            layer = next((l for l in project.mapLayersByName(render["layer"])), None)
            if layer is None:
                result["render"] = {"error": "no layer named " + render["layer"]}
            else:
                settings = QgsMapSettings()
                settings.setLayers([layer])
                settings.setDestinationCrs(layer.crs())
                settings.setOutputSize(QSize(1200, 1200))
                settings.setExtent(layer.extent())
                settings.setBackgroundColor(QColor(255, 255, 255))
                job = QgsMapRendererSequentialJob(settings)
                job.start()
                job.waitForFinished()
                image = job.renderedImage()
                image.save(render["png"], "PNG")
                to_pixel = settings.mapToPixel()
                colours = []
                for x, y in render["points"]:
                    p = to_pixel.transform(QgsPointXY(x, y))
                    colours.append(colour(image.pixelColor(int(p.x()), int(p.y()))))
                result["render"] = {"colours": colours, "scale": settings.scale()}
    print(json.dumps(result, ensure_ascii=False))
    app.exitQgis()


if __name__ == "__main__":
    main()
