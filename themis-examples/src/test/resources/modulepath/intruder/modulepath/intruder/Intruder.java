package modulepath.intruder;

import dev.themis.kinesis.internal.KinesisProvider;

/** Would build the Kinesis provider directly, past its module's exports. */
public final class Intruder {
  private Intruder() {}

  public static Object provider() {
    return new KinesisProvider();
  }
}
