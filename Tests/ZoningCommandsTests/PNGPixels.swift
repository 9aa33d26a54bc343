import Foundation
import ZIPFoundation

/// The pixels of a PNG, decoded here so that tests can read the colours a map server drew:
/// 8-bit greyscale, RGB, palette, grey with alpha and RGBA, not interlaced (what QGIS Server
/// writes). The zlib stream is inflated with ZIPFoundation's deflate; the five PNG filters are
/// undone as the PNG specification (ISO/IEC 15948, §9) gives them.
///
/// ```swift
/// let png = try PNGPixels(data)
/// png.width                   // 360
/// png.rgb(x: 10, y: 20)       // "#1a9641"
/// ```
struct PNGPixels {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let width: Int
    let height: Int
    /// RGBA, row by row.
    private let pixels: [UInt8]

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            throw Failure(description: "not a PNG: \(String(decoding: bytes.prefix(200), as: UTF8.self))")
        }
        func integer(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8, width = 0, height = 0, depth = 0, colourType = 0, interlace = 0
        var palette: [UInt8] = [], transparency: [UInt8] = [], compressed = Data()
        while offset + 8 <= bytes.count {
            let length = integer(offset), type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard offset + 12 + length <= bytes.count else { throw Failure(description: "PNG chunk \(type) runs past the end") }
            let body = bytes[offset + 8..<offset + 8 + length]
            switch type {
            case "IHDR":
                width = integer(offset + 8)
                height = integer(offset + 12)
                depth = Int(bytes[offset + 16])
                colourType = Int(bytes[offset + 17])
                interlace = Int(bytes[offset + 20])
            case "PLTE": palette = Array(body)
            case "tRNS": transparency = Array(body)
            case "IDAT": compressed.append(contentsOf: body)
            default: break
            }
            offset += 12 + length
        }
        guard depth == 8, interlace == 0, [0, 2, 3, 4, 6].contains(colourType) else {
            throw Failure(description: "PNG of bit depth \(depth), colour type \(colourType), interlace \(interlace): not decoded here")
        }
        // zlib: a 2-byte header, raw deflate, a 4-byte Adler-32.
        let deflate = compressed.subdata(in: 2..<compressed.count - 4)
        var raw = Data()
        _ = try Data.decompress(size: Int64(deflate.count), bufferSize: 65_536, skipCRC32: true, provider: { position, size in
            deflate.subdata(in: Int(position)..<min(Int(position) + size, deflate.count))
        }, consumer: { raw.append($0) })
        let channels = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4][colourType]!
        let stride = width * channels
        guard raw.count == height * (stride + 1) else { throw Failure(description: "PNG data of \(raw.count) bytes for \(width)×\(height)") }
        let input = [UInt8](raw)
        var rows = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = input[y * (stride + 1)]
            for i in 0..<stride {
                let x = Int(input[y * (stride + 1) + 1 + i])
                let a = i >= channels ? Int(rows[y * stride + i - channels]) : 0
                let b = y > 0 ? Int(rows[(y - 1) * stride + i]) : 0
                let c = i >= channels && y > 0 ? Int(rows[(y - 1) * stride + i - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Failure(description: "PNG row \(y) has filter \(filter)")
                }
                rows[y * stride + i] = UInt8((x + predictor) & 0xff)
            }
        }
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        for p in 0..<width * height {
            let s = p * channels
            switch colourType {
            case 0, 4:
                pixels[p * 4] = rows[s]; pixels[p * 4 + 1] = rows[s]; pixels[p * 4 + 2] = rows[s]
                if colourType == 4 { pixels[p * 4 + 3] = rows[s + 1] }
            case 3:
                let index = Int(rows[s])
                guard index * 3 + 2 < palette.count else { throw Failure(description: "PNG palette index \(index) out of range") }
                pixels[p * 4] = palette[index * 3]; pixels[p * 4 + 1] = palette[index * 3 + 1]; pixels[p * 4 + 2] = palette[index * 3 + 2]
                if index < transparency.count { pixels[p * 4 + 3] = transparency[index] }
            default:
                for k in 0..<channels { pixels[p * 4 + k] = rows[s + k] }
            }
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The colour at a pixel as `#rrggbb` (alpha left out), "transparent" where alpha is 0.
    func rgb(x: Int, y: Int) -> String {
        let p = (y * width + x) * 4
        if pixels[p + 3] == 0 { return "transparent" }
        return "#" + pixels[p..<p + 3].map { String(format: "%02x", $0) }.joined()
    }

    /// The most frequent colour in the square of `radius` pixels around a pixel: a label or an
    /// outline drawn across the point does not change it.
    func commonRGB(x: Int, y: Int, radius: Int = 2) -> String {
        var counts: [String: Int] = [:]
        for dy in -radius...radius {
            for dx in -radius...radius where (0..<width).contains(x + dx) && (0..<height).contains(y + dy) {
                counts[rgb(x: x + dx, y: y + dy), default: 0] += 1
            }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? ""
    }
}
