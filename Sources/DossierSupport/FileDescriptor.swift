#if canImport(Glibc)
import Glibc
#endif

/// `read(2)` and `write(2)` on an open file descriptor, with bytes as spans and arrays: the one place outside the C
/// libraries' boundaries where Dossier hands a buffer's address to the system (the site reader, the output writer,
/// the folder publisher and the inotify watcher all go through it).
///
/// Safety: each address is taken for the length of one system call and the count passed with it is the buffer's own,
/// so the kernel reads or writes only memory the span or the array's new capacity covers.
public enum FileDescriptor {
    /// Reads once from `fd` into up to `count` new bytes at the end of `bytes`. Returns how many were read (0 at the
    /// end of the file), or -1 with `errno` set; `bytes` keeps only the bytes read.
    public static func read(_ fd: Int32, upTo count: Int, appendingTo bytes: inout [UInt8]) -> Int {
        var result = 0
        bytes.append(addingCapacity: count) { (out: inout OutputSpan<UInt8>) in
            out.withUnsafeMutableBufferPointer { buffer, initialized in
                result = Glibc.read(fd, buffer.baseAddress, buffer.count)
                initialized = max(result, 0)
            }
        }
        return result
    }

    /// Writes all of `bytes` to `fd`, again after an interrupted call. Returns nil, or the `errno` of the failure.
    public static func write(_ bytes: RawSpan, to fd: Int32) -> Int32? {
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += n
            }
            return nil
        }
    }

    /// Writes all of `bytes` to `fd` (see `write(_:to:)` for raw bytes).
    public static func write(_ bytes: Span<UInt8>, to fd: Int32) -> Int32? {
        write(bytes.bytes, to: fd)
    }
}
