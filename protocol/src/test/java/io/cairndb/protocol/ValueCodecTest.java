package io.cairndb.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    private static Object roundTrip(Object v) {
        WireWriter w = new WireWriter();
        w.writeValue(v);
        WireReader r = new WireReader(w.toByteArray());
        Object back = r.readValue();
        r.expectEnd();
        return back;
    }

    @Test
    void everySupportedTypeRoundTripsWithItsJavaType() {
        List<Object> values = List.of(true, false, (short) -7, Short.MAX_VALUE, Integer.MIN_VALUE, 42,
                Long.MAX_VALUE, -1L, 1.5f, Float.NaN, -0.0d, Double.MAX_VALUE,
                new BigDecimal("12345678901234567890.000123"), new BigDecimal("-0.5"), new BigDecimal("1E+10"),
                BigDecimal.ZERO, "", "héllo wörld ✓ 𝄞", LocalDate.of(1969, 12, 31), LocalDate.of(9999, 12, 31),
                LocalTime.of(23, 59, 59, 999_999_999), LocalTime.MIDNIGHT,
                LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1), LocalDateTime.of(2026, 11, 22, 15, 30, 1, 123_000_000));
        for (Object v : values) {
            Object back = roundTrip(v);
            assertEquals(v.getClass(), back.getClass(), "type of " + v);
            if (v instanceof BigDecimal d) {
                assertEquals(d.scale(), ((BigDecimal) back).scale(), "scale of " + v);
            }
            assertEquals(v, back);
        }
    }

    @Test
    void bytesAndNullRoundTrip() {
        assertArrayEquals(new byte[] {0, -1, 127, -128}, (byte[]) roundTrip(new byte[] {0, -1, 127, -128}));
        assertArrayEquals(new byte[0], (byte[]) roundTrip(new byte[0]));
        assertNull(roundTrip(null));
    }

    @Test
    void unknownTagIsAProtocolError() {
        assertThrows(ProtocolException.class, () -> new WireReader(new byte[] {99}).readValue());
    }

    @Test
    void truncatedValueIsAProtocolError() {
        WireWriter w = new WireWriter();
        w.writeValue("a string that will be cut");
        byte[] all = w.toByteArray();
        assertThrows(ProtocolException.class, () -> new WireReader(all, 0, all.length - 3).readValue());
        assertThrows(ProtocolException.class, () -> new WireReader(new byte[] {ValueCodec.LONG, 1, 2}).readValue());
    }

    @Test
    void hugeDeclaredLengthIsRejectedWithoutAllocating() {
        byte[] b = {ValueCodec.BYTES, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThrows(ProtocolException.class, () -> new WireReader(b).readValue());
    }

    @Test
    void unsupportedJavaTypeIsACallerError() {
        assertThrows(IllegalArgumentException.class, () -> new WireWriter().writeValue(new Object()));
    }
}
