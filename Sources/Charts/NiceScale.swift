import Foundation

/// A linear axis with "nice" ticks (1, 2, 2.5, 5 × 10ⁿ) covering the data.
public struct NiceScale: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let step: Double

    public init(minimum: Double, maximum: Double, maxTicks: Int = 5, includeZero: Bool = false) {
        var lo = includeZero ? min(minimum, 0) : minimum
        var hi = includeZero ? max(maximum, 0) : maximum
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let step = NiceScale.niceStep((hi - lo) / Double(max(maxTicks - 1, 1)))
        self.step = step
        self.lower = (lo / step).rounded(.down) * step
        self.upper = (hi / step).rounded(.up) * step
    }

    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let exponent = floor(log10(raw))
        let base = pow(10, exponent)
        let fraction = raw / base
        let nice: Double
        if fraction <= 1 { nice = 1 } else if fraction <= 2 { nice = 2 } else if fraction <= 2.5 { nice = 2.5 } else if fraction <= 5 { nice = 5 } else { nice = 10 }
        return nice * base
    }

    public var ticks: [Double] {
        var result: [Double] = []
        var v = lower
        while v <= upper + step * 1e-9 {
            result.append((v / step).rounded() * step)
            v += step
        }
        return result
    }

    /// Maps a value to a position between `from` and `to`.
    public func position(_ value: Double, from: Double, to: Double) -> Double {
        guard upper > lower else { return from }
        return from + (value - lower) / (upper - lower) * (to - from)
    }
}
