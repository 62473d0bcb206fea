import Foundation

/// Runs a render's jobs on a number of threads, each thread taking the next job when it is
/// free, and hands their files to the sink one at a time under one lock.
final class RenderQueue: @unchecked Sendable {
    // @unchecked: `sink` and the counters are used under `lock` only.
    private let lock = NSLock()
    private let sink: any RenderSink
    private var next = 0
    private var failure: Error?

    private init(sink: any RenderSink) { self.sink = sink }

    static func run(count: Int, threads: Int, sink: any RenderSink,
                    job: @Sendable (Int) throws -> RenderedFiles) throws {
        let queue = RenderQueue(sink: sink)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            while let index = queue.take(below: count) {
                do {
                    try queue.deliver(try job(index))
                } catch {
                    queue.fail(error)
                }
            }
        }
        if let failure = queue.failure { throw failure }
    }

    /// The next job's index; nil when none is left or one failed.
    private func take(below count: Int) -> Int? {
        lock.withLock {
            guard failure == nil, next < count else { return nil }
            next += 1
            return next - 1
        }
    }

    private func fail(_ error: Error) {
        lock.withLock { if failure == nil { failure = error } }
    }

    private func withSink(_ body: (any RenderSink) throws -> Void) throws {
        try lock.withLock {
            guard failure == nil else { return }
            try body(sink)
        }
    }

    /// Files made whole go to the sink as they are; files made in pieces are opened in the
    /// sink and written through buffers that hand it their bytes as they fill.
    private func deliver(_ files: RenderedFiles) throws {
        switch files {
        case .whole(let list):
            try withSink { sink in for (path, data) in list { try sink.write(path, data) } }
        case .streamed(let paths, let write):
            var streams: [any FileStream] = []
            try withSink { sink in streams = try paths.map { try sink.beginStream($0) } }
            guard streams.count == paths.count else { return }
            let buffers = streams.map { stream in ByteBuffer(drain: { try stream.write($0) }) }
            write(buffers)
            for buffer in buffers { try buffer.finish() }
            try withSink { sink in for stream in streams { try sink.finish(stream) } }
        }
    }
}
