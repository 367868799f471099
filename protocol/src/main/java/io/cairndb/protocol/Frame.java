package io.cairndb.protocol;

/**
 * One decoded frame. Replies carry the request id of the request they answer; CANCEL gets no reply.
 *
 * @param requestId chosen by the client, echoed by the server
 * @param message   the message
 */
public record Frame(int requestId, Message message) {
}
