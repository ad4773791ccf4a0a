import Foundation

/// One thread per digest, each consuming every chunk a producer posts, in order: the machinery under a
/// parallel ``DigestSet``.
///
/// Chunks are not copied: a slot holds a pointer into the producer's memory (the caller's buffer, or one of
/// the pipeline's own read buffers), and the producer reuses or releases that memory only once every worker
/// has consumed the chunk. The ring of `capacity` slots is the bounded queue: a producer that runs ahead of
/// the slowest digest waits for a slot. Read buffer `s % capacity` belongs to chunk `s`, so a free slot is
/// also a free buffer. Small updates (an upload's network chunks) are copied into the free buffer until it
/// holds a whole chunk, then posted without waiting, so the caller goes on receiving while the digests run.
final class DigestPipeline: @unchecked Sendable {
    // @unchecked: every mutable field is guarded by `condition`, except `hashers[i]`, which only worker i
    // touches while a chunk is outstanding and only the owner touches when the pipeline is idle (the lock
    // hand-over orders the two).

    static let chunkSize = 1 << 20
    let capacity: Int
    let count: Int

    private let condition = NSCondition()
    private var slots: [UnsafeRawBufferPointer]
    private var posted = 0
    private var consumed: [Int]
    private var stopping = false
    private let hashers: UnsafeMutableBufferPointer<DigestHasher>
    private var readBuffers: [UnsafeMutableRawBufferPointer] = []
    /// The slot whose buffer collects small updates, and how many bytes it holds (owner's thread only).
    private var stagingSlot: Int?
    private var staged = 0

    init(hashers: [DigestHasher], capacity: Int = 4) {
        self.capacity = capacity
        count = hashers.count
        slots = Array(repeating: UnsafeRawBufferPointer(start: nil, count: 0), count: capacity)
        consumed = Array(repeating: 0, count: hashers.count)
        self.hashers = .allocate(capacity: hashers.count)
        _ = self.hashers.initialize(from: hashers)
        for index in 0..<hashers.count {
            let thread = Thread { [self] in work(index) }
            thread.name = "digest-\(hashers[index].algorithm.rawValue)"
            thread.start()
        }
    }

    deinit {
        // Runs after every worker has returned (each holds a reference while it runs).
        hashers.baseAddress?.deinitialize(count: count)
        hashers.deallocate()
        for buffer in readBuffers { buffer.deallocate() }
    }

    /// Ends the workers once the queue is empty; the owner calls it when it drops the pipeline.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work(_ index: Int) {
        condition.lock()
        while true {
            while consumed[index] == posted && !stopping { condition.wait() }
            if consumed[index] == posted { break }
            let chunk = slots[consumed[index] % capacity]
            condition.unlock()
            hashers[index].update(bufferPointer: chunk)
            condition.lock()
            consumed[index] += 1
            condition.broadcast()
        }
        condition.unlock()
    }

    /// Waits for a free slot (the oldest chunk consumed by every worker) and returns its index.
    private func waitForFreeSlot() -> Int {
        // Called with the lock held.
        while posted - (consumed.min() ?? posted) >= capacity { condition.wait() }
        return posted % capacity
    }

    private func allocateBuffers() {
        if readBuffers.isEmpty {
            readBuffers = (0..<capacity).map { _ in .allocate(byteCount: Self.chunkSize, alignment: 4096) }
        }
    }

    /// Copies `bytes` into the staging buffer, posting it (without waiting) each time it is full.
    func stage(_ bytes: UnsafeRawBufferPointer) {
        allocateBuffers()
        var offset = 0
        while offset < bytes.count {
            let slot: Int
            if let current = stagingSlot {
                slot = current
            } else {
                condition.lock()
                slot = waitForFreeSlot()
                condition.unlock()
                stagingSlot = slot
                staged = 0
            }
            let take = min(Self.chunkSize - staged, bytes.count - offset)
            (readBuffers[slot].baseAddress! + staged).copyMemory(from: bytes.baseAddress! + offset, byteCount: take)
            staged += take
            offset += take
            if staged == Self.chunkSize { flushStaged() }
        }
    }

    /// Posts what the staging buffer holds (the slot is the next one `post` fills: only the owner posts).
    private func flushStaged() {
        guard let slot = stagingSlot else { return }
        stagingSlot = nil
        if staged > 0 { post(UnsafeRawBufferPointer(rebasing: readBuffers[slot][0..<staged])) }
        staged = 0
    }

    /// Queues `chunk` for every worker; the memory must stay valid until ``waitUntilIdle()`` returns.
    private func post(_ chunk: UnsafeRawBufferPointer) {
        guard chunk.count > 0 else { return }
        condition.lock()
        slots[waitForFreeSlot()] = chunk
        posted += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Queues `bytes` in chunks of ``chunkSize``, so the workers share cache-sized pieces, and waits.
    func hash(_ bytes: UnsafeRawBufferPointer) {
        flushStaged()
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + Self.chunkSize, bytes.count)
            post(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
        }
        waitUntilIdle()
    }

    /// Reads with `read` into the pipeline's reusable buffers while the workers hash the chunks before;
    /// returns the number of bytes read. `read` returns the bytes it placed (0 at the end) or throws.
    func hash<Failure: Error>(
        reading read: (UnsafeMutableRawBufferPointer) throws(Failure) -> Int
    ) throws(Failure) -> Int {
        flushStaged()
        allocateBuffers()
        var total = 0
        defer { waitUntilIdle() }
        while true {
            condition.lock()
            let slot = waitForFreeSlot()
            condition.unlock()
            let count = try read(readBuffers[slot])
            if count == 0 { return total }
            total += count
            post(UnsafeRawBufferPointer(rebasing: readBuffers[slot][0..<count]))
        }
    }

    /// Posts any staged bytes and waits until every worker has consumed every posted chunk.
    func waitUntilIdle() {
        flushStaged()
        condition.lock()
        while consumed.contains(where: { $0 != posted }) { condition.wait() }
        condition.unlock()
    }

    /// The digests' states, for the owner while the pipeline is idle (finalising, copying).
    func withIdleHashers<Result>(_ body: (UnsafeMutableBufferPointer<DigestHasher>) -> Result) -> Result {
        waitUntilIdle()
        return body(hashers)
    }
}
