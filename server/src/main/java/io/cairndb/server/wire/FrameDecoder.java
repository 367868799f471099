package io.cairndb.server.wire;

import io.cairndb.protocol.Frame;
import io.cairndb.protocol.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/**
 * Splits the byte stream into frames ({@code int length} prefix, capped at the max frame size before anything is
 * buffered) and decodes each into a {@link Frame}. A malformed frame surfaces as an exception, which
 * {@link ConnectionHandler} turns into ERROR 08P01 and the end of that connection only.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {

    FrameDecoder(int maxFrameSize) {
        // maxFrameLength counts the length field too; fail fast so a huge length is refused before buffering
        super(maxFrameSize + Frames.LENGTH_FIELD_SIZE, 0, Frames.LENGTH_FIELD_SIZE, 0, Frames.LENGTH_FIELD_SIZE,
                true);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        try {
            if (in.readableBytes() >= Frames.LENGTH_FIELD_SIZE) {
                // reject short or negative lengths here: the base class would wait forever for a negative one
                Frames.checkLength(in.getInt(in.readerIndex()), Integer.MAX_VALUE);
            }
            ByteBuf body = (ByteBuf) super.decode(ctx, in);
            if (body == null) {
                return null;
            }
            try {
                byte[] bytes = ByteBufUtil.getBytes(body);
                return Frames.decodeBody(bytes, 0, bytes.length);
            } finally {
                body.release();
            }
        } catch (RuntimeException e) {
            // the stream cannot be resynchronised: drop what is buffered, the connection is closed after this
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }
}
