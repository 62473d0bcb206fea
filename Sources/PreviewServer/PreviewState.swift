/// What the preview server knows about the last build: a version that changes after every
/// rebuild (pages poll it to reload) and the diagnostics of the last failed build, if any.
actor PreviewState {
    private(set) var version = 0
    private(set) var error: String?

    func succeeded() {
        version += 1
        error = nil
    }

    func failed(_ message: String) {
        version += 1
        error = message
    }

    func snapshot() -> (version: Int, error: String?) { (version, error) }
}
