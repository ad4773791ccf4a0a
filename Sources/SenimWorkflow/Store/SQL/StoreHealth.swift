/// The read that tells whether a store answers at all (readiness).
enum StoreHealth {
    static let ping = SQLStatement("SELECT 1")
}
