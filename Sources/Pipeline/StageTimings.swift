import Foundation

/// Wall time and memory of each stage of a build, for `plansite build --timings` (like Hugo's
/// `--printMemoryUsage`): where a slow or large build spends its time and memory.
public struct StageTiming: Sendable {
    public let stage: String
    public let seconds: Double
    /// Resident memory at the end of the stage and the process's peak so far, in bytes
    /// (from /proc/self/status; nil where there is none).
    public let residentBytes: Int?
    public let peakBytes: Int?
}

struct StageClock {
    private var last = Date()
    private(set) var stages: [StageTiming] = []

    mutating func mark(_ stage: String) {
        let now = Date()
        let memory = Self.memory()
        stages.append(StageTiming(stage: stage, seconds: now.timeIntervalSince(last), residentBytes: memory?.resident,
                                  peakBytes: memory?.peak))
        last = now
    }

    /// VmRSS and VmHWM of /proc/self/status.
    static func memory() -> (resident: Int, peak: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        func kilobytes(_ key: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return nil }
            return line.split(separator: " ").compactMap { Int($0) }.first
        }
        guard let rss = kilobytes("VmRSS"), let peak = kilobytes("VmHWM") else { return nil }
        return (rss * 1024, peak * 1024)
    }
}
