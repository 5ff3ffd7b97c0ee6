/// Formats byte counts for people: `512 B`, `48 KB`, `1.2 MB`.
public enum ByteCount {
    /// `bytes` in B, KB (no decimals), MB or GB (one decimal), in units of 1024.
    public static func format(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let kb = Double(bytes) / 1024
        if kb < 1024 { return "\(Int(kb.rounded())) KB" }
        let mb = kb / 1024
        if mb < 1024 { return "\(oneDecimal(mb)) MB" }
        return "\(oneDecimal(mb / 1024)) GB"
    }

    /// `value` with one decimal (`0.9`, `12.0`).
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
