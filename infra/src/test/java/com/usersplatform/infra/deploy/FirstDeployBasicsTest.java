package com.usersplatform.infra.deploy;

import com.usersplatform.infra.InfraHarness;
import com.usersplatform.infra.offline.StackFiles;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** What a first {@code pulumi up} needs beyond the resource graph: plugin discovery and names unique per stack. */
class FirstDeployBasicsTest {

    /**
     * Pulumi's language host discovers plugins with {@code exec:java -DmainClass=com.pulumi.bootstrap.internal.Main
     * -DmainArgs=packages} (pulumi-java executor_maven.go): the exec plugin must take both from those properties.
     */
    @Test
    void theExecPluginTakesMainClassAndArgumentsFromTheLanguageHostsProperties() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(StackFiles.repositoryRoot().resolve("infra/pom.xml").toFile());
        Element properties = (Element) pom.getElementsByTagName("properties").item(0);
        assertEquals("com.usersplatform.infra.App", properties.getElementsByTagName("mainClass").item(0).getTextContent());
        assertEquals(1, properties.getElementsByTagName("mainArgs").getLength());
        Element exec = null;
        var plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (plugin.getElementsByTagName("artifactId").item(0).getTextContent().equals("exec-maven-plugin")) {
                exec = plugin;
            }
        }
        Element configuration = (Element) exec.getElementsByTagName("configuration").item(0);
        assertEquals("${mainClass}", configuration.getElementsByTagName("mainClass").item(0).getTextContent());
        assertEquals("${mainArgs}", configuration.getElementsByTagName("commandlineArgs").item(0).getTextContent());
    }

    @Test
    void theKmsAliasIsUniquePerStack() {
        List<Object> aliases = List.of("dev", "prod").stream()
                .map(stack -> InfraHarness.run(stack).single("aws:kms/alias:Alias").input("name")).toList();
        assertEquals(List.of("alias/users-platform-dev", "alias/users-platform-prod"), aliases);
        assertNotEquals(aliases.get(0), aliases.get(1));
    }
}
