/// glibc's malloc settings for a build, which holds the linked site while it renders and
/// frees the large buffers of the biggest pages as it goes.
///
/// - A fixed mmap threshold of 1 MB (which also turns glibc's adjustment of it off): glibc
///   raises the threshold each time a large block is freed (up to 32 MB), after which the
///   buffers of the largest pages come from the heap and keep the process's resident memory
///   high after they are freed; with it fixed, every such buffer is mapped on its own and
///   given back when it is freed. Pages and most allocations are far smaller.
/// - One arena: by default each thread that allocates gets an arena of its own, and memory
///   freed in one (a plan read on one thread) is not reused by the others (the pages
///   rendered on another), so the site's memory is spread over several heaps with free room
///   in each.
public enum MemoryTuning {
    public static func apply() {
        #if os(Linux)
        _ = mallocOption(mmapThreshold, 1 << 20)
        _ = mallocOption(arenaMaximum, 1)
        #endif
    }

    #if os(Linux)
    /// `M_MMAP_THRESHOLD` of glibc's <malloc.h>.
    private static let mmapThreshold: Int32 = -3
    /// `M_ARENA_MAX` of glibc's <malloc.h>.
    private static let arenaMaximum: Int32 = -8
    #endif
}

#if os(Linux)
@_silgen_name("mallopt") private func mallocOption(_ parameter: Int32, _ value: Int32) -> Int32
#endif
