/**
 * The CairnDB client/server wire protocol: frame layout and constants ({@link io.cairndb.protocol.Frames}),
 * message types ({@link io.cairndb.protocol.MessageType}), the messages themselves
 * ({@link io.cairndb.protocol.Message}), and the typed value codec ({@link io.cairndb.protocol.ValueCodec}).
 *
 * <p>This package depends on nothing but the JDK: the JDBC driver shades it into its single jar, and the server
 * uses it unshaded.
 */
package io.cairndb.protocol;
