package dev.themis.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The in-memory model: boot delay, drain billing, capped utilisation, on hand-computed minutes. */
class SimulatedUnitsTest {
  @Test
  void requestedUnitsServeAfterBootAndReleasedOnesAreBilledWhileDraining() {
    double[] load = {10, 10, 10, 10, 10, 10};
    SimulatedUnits u = new SimulatedUnits(load, 10, 2, 1, 1);
    u.beginMinute(0);
    u.request(3); // +2 units at minute 0, serving from minute 2
    u.endMinute(0);
    u.beginMinute(1);
    u.endMinute(1);
    u.beginMinute(2);
    u.endMinute(2);
    u.beginMinute(3);
    u.request(1); // -2 units at minute 3, billed for minute 3 while draining
    u.endMinute(3);
    u.beginMinute(4);
    u.endMinute(4);
    Replay r = u.replay();
    assertThat(r.supply()).startsWith(1, 1, 3, 1, 1);
    assertThat(r.billed()).startsWith(3, 3, 3, 3, 1);
    assertThat(r.actions()).startsWith(1, 0, 0, 1, 0);
    assertThat(r.unitsChanged()).startsWith(2, 0, 0, 2, 0);
    assertThat(r.unitsChangedFrom(0)).isEqualTo(4);
    assertThat(r.actionsFrom(1)).isEqualTo(1);
  }

  @Test
  void utilisationIsCappedAndTheExcessIsPending() {
    double[] load = {30, 30, 30};
    SimulatedUnits u = new SimulatedUnits(load, 10, 1, 0, 2);
    u.beginMinute(0);
    u.endMinute(0);
    u.beginMinute(1);
    assertThat(u.meanUtilisation(1)).isEqualTo(1.0); // 3 units of work on 2 units
    assertThat(u.meanPending(1)).isEqualTo(1.0);
  }
}
