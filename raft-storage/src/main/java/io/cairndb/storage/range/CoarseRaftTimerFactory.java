package io.cairndb.storage.range;

import com.alipay.sofa.jraft.util.NamedThreadFactory;
import com.alipay.sofa.jraft.util.SPI;
import com.alipay.sofa.jraft.util.timer.DefaultRaftTimerFactory;
import com.alipay.sofa.jraft.util.timer.HashedWheelTimer;
import com.alipay.sofa.jraft.util.timer.Timer;
import java.util.concurrent.TimeUnit;

/**
 * jraft's timer factory (found through jraft's service loader, META-INF/services; the higher priority wins over
 * jraft's default) with one change: the stand-alone timers it creates tick every 50 ms instead of every 1 ms.
 * The only one CairnDB's groups use is jraft's read-index timeout scanner, a process-wide wheel that otherwise
 * wakes a thread a thousand times a second (about 2.5 % of a core on an idle node) to time out reads that wait
 * seconds. The shared election, vote, step-down and snapshot timers are jraft's own, unchanged.
 */
@SPI(priority = 100)
public class CoarseRaftTimerFactory extends DefaultRaftTimerFactory {
    static final long TICK_MS = 50;

    @Override
    public Timer createTimer(String name) {
        return new HashedWheelTimer(new NamedThreadFactory(name, true), TICK_MS, TimeUnit.MILLISECONDS, 512);
    }
}
