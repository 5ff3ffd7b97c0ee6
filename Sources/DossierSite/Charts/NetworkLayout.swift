/// Deterministic layouts for the actor network: the same input always gives the same picture.
///
/// `force` is a Fruchterman–Reingold layout with a fixed start (nodes evenly on a circle in the order
/// given), a fixed number of iterations and a linearly cooling temperature — no randomness, no clock.
/// `radial` puts one node in the middle and its neighbours evenly around it.
public enum NetworkLayout {
    /// A point in the unit square (0…1 on both axes).
    public struct Point: Sendable, Hashable {
        public var x: Double
        public var y: Double
    }

    /// Force-directed positions for `count` nodes joined by `edges` (index pairs with a weight).
    public static func force(count: Int, edges: [(Int, Int, Double)], iterations: Int = 300) -> [Point] {
        guard count > 0 else { return [] }
        if count == 1 { return [Point(x: 0.5, y: 0.5)] }
        var x = [Double](repeating: 0, count: count), y = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let angle = 2 * Double.pi * Double(i) / Double(count) - Double.pi / 2
            x[i] = 0.5 + 0.4 * cos(angle)
            y[i] = 0.5 + 0.4 * sin(angle)
        }
        let k = (1.0 / Double(count)).squareRoot() * 1.4
        let maxWeight = max(1, edges.map(\.2).max() ?? 1)
        var dx = [Double](repeating: 0, count: count), dy = [Double](repeating: 0, count: count)
        for step in 0..<iterations {
            let temperature = 0.1 * (1 - Double(step) / Double(iterations)) + 0.002
            for i in 0..<count { dx[i] = 0; dy[i] = 0 }
            for i in 0..<count {
                for j in (i + 1)..<count {
                    var ddx = x[i] - x[j], ddy = y[i] - y[j]
                    var d2 = ddx * ddx + ddy * ddy
                    if d2 < 1e-9 { ddx = 0.001 * Double(i - j); ddy = 0.001; d2 = ddx * ddx + ddy * ddy }
                    let f = k * k / d2
                    dx[i] += ddx * f; dy[i] += ddy * f
                    dx[j] -= ddx * f; dy[j] -= ddy * f
                }
            }
            for (a, b, w) in edges where a != b {
                let ddx = x[a] - x[b], ddy = y[a] - y[b]
                let d = (ddx * ddx + ddy * ddy).squareRoot()
                let f = d / k * (0.5 + 0.5 * w / maxWeight)
                dx[a] -= ddx * f; dy[a] -= ddy * f
                dx[b] += ddx * f; dy[b] += ddy * f
            }
            for i in 0..<count {
                // A weak pull to the centre keeps unconnected nodes on the canvas.
                dx[i] += (0.5 - x[i]) * 0.05
                dy[i] += (0.5 - y[i]) * 0.05
                let d = (dx[i] * dx[i] + dy[i] * dy[i]).squareRoot()
                if d > 0 {
                    let limited = min(d, temperature)
                    x[i] += dx[i] / d * limited
                    y[i] += dy[i] / d * limited
                }
            }
        }
        return normalized(x, y)
    }

    /// The first node in the middle, the others evenly around it, starting at the top and going clockwise.
    public static func radial(count: Int) -> [Point] {
        guard count > 0 else { return [] }
        var points = [Point(x: 0.5, y: 0.5)]
        let ring = count - 1
        for i in 0..<ring {
            let angle = 2 * Double.pi * Double(i) / Double(ring) - Double.pi / 2
            points.append(Point(x: 0.5 + 0.5 * cos(angle), y: 0.5 + 0.5 * sin(angle)))
        }
        return points
    }

    /// Scales positions to fill the unit square, keeping the aspect ratio.
    static func normalized(_ x: [Double], _ y: [Double]) -> [Point] {
        let minX = x.min()!, maxX = x.max()!, minY = y.min()!, maxY = y.max()!
        let span = max(maxX - minX, maxY - minY, 1e-9)
        let offX = (span - (maxX - minX)) / 2, offY = (span - (maxY - minY)) / 2
        return zip(x, y).map { Point(x: ($0 - minX + offX) / span, y: ($1 - minY + offY) / span) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
