/// An object as a bucket listing shows it.
public struct S3Object: Sendable, Equatable {
    /// Its full key.
    public var key: String
    /// Its ETag, without quotes.
    public var etag: String
    /// Its size in bytes.
    public var size: Int
}

/// An object's headers, as HEAD returns them.
public struct S3ObjectHead: Sendable, Equatable {
    /// Its ETag, without quotes.
    public var etag: String
    /// Its size in bytes.
    public var size: Int
    /// Its `Content-Type`.
    public var contentType: String?
    /// Its `Cache-Control`.
    public var cacheControl: String?
    /// Its user metadata (`x-amz-meta-NAME`), by lowercase NAME.
    public var metadata: [String: String]
}
