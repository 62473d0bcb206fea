import Testing
@testable import Charts

/// Expected ticks are worked out by hand from the rule: raw step = range / (maxTicks − 1),
/// rounded up to 1, 2, 2.5, 5 or 10 × 10ⁿ; the axis runs from the multiple of the step at or
/// below the minimum to the multiple at or above the maximum.
@Suite struct NiceScaleTests {
    /// Tick values equal up to floating-point rounding (3 × 0.2 is 0.6000000000000001).
    func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }
    }

    @Test func zeroTo57() {
        // 57 / 4 = 14.25 → 2 × 10 = 20; 0 … 60.
        let s = NiceScale(minimum: 0, maximum: 57, maxTicks: 5)
        #expect(s.step == 20)
        #expect(s.lower == 0)
        #expect(s.upper == 60)
        #expect(s.ticks == [0, 20, 40, 60])
    }

    @Test func zeroTo100() {
        // 100 / 4 = 25 → 2.5 × 10.
        #expect(NiceScale(minimum: 0, maximum: 100, maxTicks: 5).ticks == [0, 25, 50, 75, 100])
    }

    @Test func withoutZero() {
        // 26 … 57: 31 / 4 = 7.75 → 10; 20 … 60.
        let s = NiceScale(minimum: 26, maximum: 57, maxTicks: 5)
        #expect(s.ticks == [20, 30, 40, 50, 60])
        // includeZero extends the range down to 0: the same as 0 … 57.
        #expect(NiceScale(minimum: 26, maximum: 57, maxTicks: 5, includeZero: true).ticks == [0, 20, 40, 60])
    }

    @Test func smallValues() {
        // 0.12 … 0.57: 0.45 / 4 = 0.1125 → 0.2 (fraction 1.125 → 2); 0 … 0.6.
        let s = NiceScale(minimum: 0.12, maximum: 0.57, maxTicks: 5)
        #expect(s.step == 0.2)
        #expect(same(s.ticks, [0, 0.2, 0.4, 0.6]), "\(s.ticks)")
    }

    @Test func equalMinimumAndMaximum() {
        // 5 … 5 is padded by 10 % to 4.5 … 5.5: 1 / 4 = 0.25 → 2.5 × 0.1.
        let s = NiceScale(minimum: 5, maximum: 5, maxTicks: 5)
        #expect(s.step == 0.25)
        #expect(s.ticks == [4.5, 4.75, 5, 5.25, 5.5])
        // 0 … 0 is padded by 1: −1 … 1, 2 / 4 = 0.5.
        #expect(NiceScale(minimum: 0, maximum: 0, maxTicks: 5).ticks == [-1, -0.5, 0, 0.5, 1])
        // A single negative value: −20 … −20 → −22 … −18, 4 / 4 = 1.
        #expect(NiceScale(minimum: -20, maximum: -20, maxTicks: 5).ticks == [-22, -21, -20, -19, -18])
    }

    @Test func negativeValues() {
        // −12 … 7: 19 / 4 = 4.75 → 5; −15 … 10.
        let s = NiceScale(minimum: -12, maximum: 7, maxTicks: 5)
        #expect(s.step == 5)
        #expect(s.lower == -15)
        #expect(s.upper == 10)
        #expect(s.ticks == [-15, -10, -5, 0, 5, 10])
        // All negative, with zero included: −57 … 0 → step 20, −60 … 0.
        #expect(NiceScale(minimum: -57, maximum: -3, maxTicks: 5, includeZero: true).ticks == [-60, -40, -20, 0])
    }

    @Test func ticksCoverTheData() {
        for (lo, hi) in [(0.0, 57.0), (26, 57), (-12, 7), (3.3, 3.9), (1990, 2025), (0.001, 0.0042)] {
            let s = NiceScale(minimum: lo, maximum: hi, maxTicks: 5)
            #expect(s.lower <= lo && s.upper >= hi, "\(lo)…\(hi)")
            #expect(s.ticks.count >= 2 && s.ticks.count <= 6, "\(lo)…\(hi): \(s.ticks)")
            #expect(s.ticks.first == s.lower)
        }
    }

    @Test func niceStep() {
        #expect(NiceScale.niceStep(1) == 1)
        #expect(NiceScale.niceStep(1.2) == 2)
        #expect(NiceScale.niceStep(2.2) == 2.5)
        #expect(NiceScale.niceStep(3) == 5)
        #expect(NiceScale.niceStep(7) == 10)
        #expect(NiceScale.niceStep(140) == 200)
        #expect(NiceScale.niceStep(0) == 1)
        #expect(NiceScale.niceStep(-3) == 1)
        #expect(NiceScale.niceStep(.infinity) == 1)
        #expect(NiceScale.niceStep(.nan) == 1)
    }

    @Test func position() {
        let s = NiceScale(minimum: 0, maximum: 57, maxTicks: 5)  // 0 … 60
        #expect(s.position(30, from: 0, to: 600) == 300)
        #expect(s.position(0, from: 16, to: 344) == 16)
        #expect(s.position(60, from: 16, to: 344) == 344)
        // Inverted, as for a y axis: bottom 180, top 20.
        #expect(s.position(0, from: 180, to: 20) == 180)
        #expect(s.position(45, from: 180, to: 20) == 60)
    }
}
