import ArgumentParser
import SenimPKI

/// `--revocation require|hard-fail|soft-fail` (``RevocationMode``).
extension RevocationMode: ExpressibleByArgument {}

/// `--profile lenient|strict` (``RelyingPartyProfile``).
extension RelyingPartyProfile: ExpressibleByArgument {}
