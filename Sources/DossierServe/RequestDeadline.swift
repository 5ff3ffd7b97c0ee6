import NIOCore
import NIOHTTPTypes

/// Closes a connection that does not deliver a request's headers in time: within `first` of opening (a slow
/// or stalled client holding a connection, "slowloris"), and within `next` of the previous response ending (an
/// idle keep-alive connection). Once a request's headers are in, the request is not timed here: the live-reload
/// stream is a response that lasts as long as the page is open.
///
/// Sits after the HTTP decoder, where a request is seen as its parts; one instance per connection.
final class RequestDeadline: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let first: TimeAmount
    private let next: TimeAmount
    private var timer: Scheduled<Void>?

    init(first: TimeAmount, next: TimeAmount) {
        self.first = first
        self.next = next
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, after: first) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if timer == nil { arm(context, after: first) }
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            timer?.cancel()
            timer = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { arm(context, after: next) }
        context.write(data, promise: promise)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    private func arm(_ context: ChannelHandlerContext, after delay: TimeAmount) {
        timer?.cancel()
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            loopBound.value.close(promise: nil)
        }
    }
}
