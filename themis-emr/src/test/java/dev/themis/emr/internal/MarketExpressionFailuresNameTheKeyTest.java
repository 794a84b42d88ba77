package dev.themis.emr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.themis.Autoscaler;
import dev.themis.ResourceOutcome;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 11: a market expression indexing past its list failed with "apply failed:
 * ArrayIndexOutOfBoundsException: Index 3 out of bounds for length 2", naming no key. The message names the key,
 * the expression and what went wrong.
 */
class MarketExpressionFailuresNameTheKeyTest extends EmrWireMockTestBase {

  @Test
  void anIndexOutsideTheMarketListNamesTheKeyAndTheExpression() {
    FakeEmr c = FakeEmr.original("j-MARKET");
    String expr = "['SPOT', 'ON_DEMAND'][tasknodes.count.nodes]";
    Autoscaler a = autoscaler(c, delta(1), "group_or_preferred_market", expr);
    ResourceOutcome o = only(a.tick());
    ResourceOutcome.Failed failed = assertInstanceOf(ResourceOutcome.Failed.class, o, o::toString);
    assertEquals(ResourceOutcome.Stage.APPLY, failed.stage());
    assertEquals("apply failed: EvaluationException: emr.j-MARKET.group_or_preferred_market: evaluating '" + expr
        + "' failed: index 7 is outside the list of 2 elements", failed.reasons().get(0));
  }
}
