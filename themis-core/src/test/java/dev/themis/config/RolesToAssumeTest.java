package dev.themis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.themis.ResourceSpec;
import org.junit.jupiter.api.Test;

/** The original's {@code general.roles_to_assume} is honoured where it is unambiguous, else rejected (issue 15). */
class RolesToAssumeTest {
  static final String ROLE = "arn:aws:iam::111122223333:role/themis";
  static final String OTHER = "arn:aws:iam::444455556666:role/themis";

  @Test
  void oneRoleBecomesEveryClustersAndStreamsRoleToAssume() {
    // given an original configuration whose resources were all found under one role
    ThemisConfig config = ThemisConfig.parse("""
        {"general": {"roles_to_assume": "%s", "autoscaling_clusters": "j-1,j-2",
                     "autoscaling_kinesis_streams": "clicks"},
         "emr": {"j-2": {"role_to_assume": "%s"}}}
        """.formatted(ROLE, OTHER));
    // then each is managed under it, a resource's own role wins, and discovered resources get it too
    assertThat(config.resources()).extracting(r -> r.settings().raw("role_to_assume"))
        .containsExactly(ROLE, OTHER, ROLE);
    assertThat(config.defaults().get("emr")).containsEntry("role_to_assume", ROLE);
    assertThat(config.defaults().get("kinesis")).containsEntry("role_to_assume", ROLE);
    assertThat(config.global().values()).doesNotContainKey("roles_to_assume");
    assertThat(config.warnings()).noneMatch(w -> w.contains("roles_to_assume"));
  }

  @Test
  void withEmrDiscoveryTheRolesAreTheDiscoveryRoles() {
    ThemisConfig config = ThemisConfig.parse("""
        settings: { roles_to_assume: "%s, %s", emr_discovery: "true" }
        """.formatted(ROLE, OTHER));
    assertThat(config.global().raw("emr_discovery_roles")).isEqualTo(ROLE + "," + OTHER);
    assertThat(config.global().raw("kinesis_discovery_roles")).isNull();
    ThemisConfig streams = ThemisConfig.parse("""
        settings: { roles_to_assume: "%s", kinesis_stream_prefix: "clicks-" }
        """.formatted(ROLE));
    assertThat(streams.global().raw("kinesis_discovery_roles")).isEqualTo(ROLE);
    assertThat(streams.global().raw("emr_discovery_roles")).isNull();
  }

  @Test
  void severalRolesNeedEachResourceToNameItsOwn() {
    String text = """
        {"general": {"roles_to_assume": "%s,%s", "autoscaling_clusters": "j-1,j-2"},
         "emr": {"j-1": {"role_to_assume": "%s"}}}
        """.formatted(ROLE, OTHER, OTHER);
    assertThatThrownBy(() -> ThemisConfig.parse(text)).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("general.roles_to_assume: names more than one account")
        .hasMessageContaining("cannot tell which one emr.j-2 is in; set emr.j-2.role_to_assume")
        .hasMessageContaining("was '" + ROLE + "," + OTHER + "'")
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(1));
  }

  @Test
  void aRoleBesideTheHostsOwnCredentialsIsAmbiguousToo() {
    ThemisConfig resolved = ThemisConfig.parse("""
        {"general": {"roles_to_assume": ",%s", "autoscaling_kinesis_streams": "a,b"},
         "kinesis": {"a": {"role_to_assume": ""}, "b": {"role_to_assume": "%s"}}}
        """.formatted(ROLE, ROLE));
    assertThat(resolved.resources()).extracting(ResourceSpec::settings)
        .extracting(s -> s.raw("role_to_assume")).containsExactly("", ROLE);
    assertThatThrownBy(() -> ThemisConfig.parse("""
        {"general": {"roles_to_assume": ",%s", "autoscaling_kinesis_streams": "a"}}
        """.formatted(ROLE))).hasMessageContaining("set kinesis.a.role_to_assume");
  }

  @Test
  void blankRolesMeanTheHostsCredentials() {
    ThemisConfig config = ThemisConfig.parse("""
        {"general": {"roles_to_assume": "", "autoscaling_clusters": "j-1"}}
        """);
    assertThat(config.resources().get(0).settings().raw("role_to_assume")).isNull();
  }
}
