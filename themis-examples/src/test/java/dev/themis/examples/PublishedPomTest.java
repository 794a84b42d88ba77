package dev.themis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What Maven Central asks of every published POM (name, description, URL, licence, developers, SCM), and the
 * settings that make the published jars reproducible and complete (issue 15, item 4).
 */
class PublishedPomTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final XPath XP = XPathFactory.newInstance().newXPath();

  private static Document pom(String dir) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(ROOT.resolve(dir).resolve("pom.xml").toFile());
  }

  private static String at(Document d, String path) throws Exception {
    return XP.evaluate(path, d).strip();
  }

  @Test
  void theParentAndTheBomCarryCentralsMetadata() throws Exception {
    for (String dir : List.of(".", "themis-bom")) {
      Document d = pom(dir);
      assertThat(at(d, "/project/name")).as(dir).isNotEmpty();
      assertThat(at(d, "/project/description")).as(dir).isNotEmpty();
      assertThat(at(d, "/project/url")).as(dir).startsWith("https://");
      assertThat(at(d, "/project/licenses/license/name")).as(dir).isEqualTo("Apache License, Version 2.0");
      assertThat(at(d, "/project/developers/developer/name")).as(dir).isNotEmpty();
      assertThat(at(d, "/project/scm/connection")).as(dir).startsWith("scm:git:");
      assertThat(at(d, "/project/scm/url")).as(dir).isEqualTo(at(d, "/project/url"));
    }
  }

  @Test
  void everyPublishedModuleHasItsOwnNameAndDescription() throws Exception {
    for (String dir : List.of("themis-core", "themis-emr", "themis-kinesis", "themis-jdbc", "themis-console",
        "themis-testkit")) {
      Document d = pom(dir);
      assertThat(at(d, "/project/name")).as(dir).isNotEmpty();
      assertThat(at(d, "/project/description")).as(dir).isNotEmpty();
      assertThat(at(d, "/project/properties/maven.javadoc.skip")).as(dir).isEmpty();
    }
  }

  @Test
  void jarsAreReproducibleAndComeWithSourcesAndJavadocThatFailOnWarnings() throws Exception {
    Document d = pom(".");
    assertThat(at(d, "/project/properties/project.build.outputTimestamp")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    String build = "/project/profiles/profile[id='default-build']";
    assertThat(at(d, build + "/activation/activeByDefault")).isEqualTo("true");
    assertThat(at(d, build + "/build/plugins/plugin[artifactId='maven-source-plugin']/executions/execution/goals/goal"))
        .isEqualTo("jar-no-fork");
    assertThat(at(d, build + "/build/plugins/plugin[artifactId='maven-javadoc-plugin']/executions/execution/goals/goal"))
        .isEqualTo("jar");
    assertThat(at(d, build + "/build/plugins/plugin[artifactId='maven-javadoc-plugin']/configuration/failOnWarnings"))
        .isEqualTo("true");
  }
}
