import CShims

/// The compression kernels of `CShims/SenimStreebogCore.c`: the same function, computed with the
/// instructions a CPU has (checked at run time), so the fastest can be chosen and every one tested against
/// the portable code.
enum StreebogKernel: CaseIterable, Sendable {
    case portable, sse2, avx2, avx512

    var cValue: senim_streebog_kernel_t {
        switch self {
        case .portable: return SENIM_STREEBOG_PORTABLE
        case .sse2: return SENIM_STREEBOG_SSE2
        case .avx2: return SENIM_STREEBOG_AVX2
        case .avx512: return SENIM_STREEBOG_AVX512
        }
    }

    /// Whether this CPU runs the kernel.
    var isSupported: Bool { senim_streebog_kernel_supported(cValue) != 0 }

    /// The kernel hashing uses, picked on first use (the fastest supported one).
    static var selected: StreebogKernel {
        let chosen = senim_streebog_kernel()
        return allCases.first { $0.cValue == chosen } ?? .portable
    }

    /// The static C tables (8×256 LPS words, then 12×8 iteration-constant words), for the check against
    /// ``StreebogTables``.
    static var staticTables: (lps: [UInt64], constants: [UInt64]) {
        (
            Array(UnsafeBufferPointer(start: senim_streebog_lps_table(), count: 8 * 256)),
            Array(UnsafeBufferPointer(start: senim_streebog_constants(), count: 12 * 8))
        )
    }
}

/// The C check for a raw kernel number (tests feed it values outside the enumeration).
func senimKernelSupported(rawValue: UInt32) -> Bool {
    senim_streebog_kernel_supported(senim_streebog_kernel_t(rawValue: rawValue)) != 0
}
