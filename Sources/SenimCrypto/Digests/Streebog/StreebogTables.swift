/// The lookup tables for the LPS transform of Streebog, computed from the standard's constants.
///
/// The hashing itself uses the same tables as static C data (`CShims/SenimStreebogTables.c`, written by
/// `scripts/make-streebog-tables.py`), so nothing is computed at start-up; these Swift values are the check
/// that the static ones follow from π, A and C (StreebogKernelTests).
///
/// `lps[i * 256 + b]` is the 64-bit contribution of byte value `b` found at byte `i` of a source word
/// after substitution π, transposition τ and the linear map l. LPS of a 512-bit state is then 64
/// lookups and XORs, the standard technique (the same tables as gost-engine's `Ax`).
enum StreebogTables {
    static let lps: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 8 * 256)
        for row in 0..<8 {
            for value in 0..<256 {
                let substituted = StreebogConstants.pi[value]
                var image: UInt64 = 0
                for bit in 0..<8 where substituted >> bit & 1 == 1 {
                    // Bit `bit` of byte `row` sits at position 8·row + bit of the 64-bit word.
                    image ^= StreebogConstants.matrixA[(7 - row) * 8 + (7 - bit)]
                }
                table[row * 256 + value] = image
            }
        }
        return table
    }()

    /// C1…C12 as little-endian 64-bit words (12 × 8).
    static let constants: [UInt64] = StreebogConstants.iterationConstants.flatMap { row in
        (0..<8).map { word in
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(row[word * 8 + $1]) << (8 * UInt64($1)) }
        }
    }
}
