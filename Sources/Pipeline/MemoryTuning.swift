/// glibc's malloc raises its mmap threshold each time a large block is freed (up to 32 MB),
/// after which the buffers of the largest pages come from the heap and keep the process's
/// resident memory high after they are freed. A fixed threshold of 1 MB (which also turns
/// the adjustment off) maps every such buffer on its own and gives it back when it is freed.
/// Pages and most allocations are far smaller and are not affected.
public enum MemoryTuning {
    public static func apply() {
        #if os(Linux)
        _ = mallocOption(mmapThreshold, 1 << 20)
        #endif
    }

    #if os(Linux)
    /// `M_MMAP_THRESHOLD` of glibc's <malloc.h>.
    private static let mmapThreshold: Int32 = -3
    #endif
}

#if os(Linux)
@_silgen_name("mallopt") private func mallocOption(_ parameter: Int32, _ value: Int32) -> Int32
#endif
