import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks the POMs of a Central bundle (run by .ci/release-check with the JDK's single-file launcher):
 * {@code java ReleasePomCheck.java BUNDLE_DIR GROUP_ID VERSION JAR_ARTIFACT...}.
 *
 * <p>Every POM in the bundle must carry, itself or through parents that are in the bundle too, what Maven
 * Central requires: name (never inherited), description, url, a licence with name and url, a developer with
 * a name, scm with url and connection, and issueManagement with url; its version must be VERSION. The bundle
 * must hold a BOM that manages each JAR_ARTIFACT at VERSION. Prints one line per problem and exits 1 if any.
 */
public class ReleasePomCheck {

    private static final List<String> INHERITED = List.of(
            "description", "url", "licenses/license/name", "licenses/license/url",
            "developers/developer/name", "scm/url", "scm/connection", "issueManagement/url");

    private final Path bundle;
    private final List<String> problems = new ArrayList<>();

    private ReleasePomCheck(Path bundle) {
        this.bundle = bundle;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java ReleasePomCheck.java BUNDLE_DIR GROUP_ID VERSION JAR_ARTIFACT...");
            System.exit(2);
        }
        ReleasePomCheck check = new ReleasePomCheck(Path.of(args[0]));
        List<String> jars = List.of(args).subList(3, args.length);
        check.run(args[1], args[2], jars);
        if (!check.problems.isEmpty()) {
            check.problems.forEach(problem -> System.out.println("  " + problem));
            System.exit(1);
        }
    }

    private void run(String groupId, String version, List<String> jars) throws Exception {
        List<Path> poms;
        try (Stream<Path> files = Files.walk(bundle)) {
            poms = files.filter(file -> file.toString().endsWith(".pom")).sorted().collect(Collectors.toList());
        }
        if (poms.isEmpty()) {
            problems.add("no POM in " + bundle);
        }
        boolean bomFound = false;
        for (Path pom : poms) {
            String shown = bundle.relativize(pom).toString();
            Element project = parse(pom);
            if (text(project, "name").isEmpty()) {
                problems.add(shown + ": no <name> (Central requires it in every POM; it is not inherited)");
            }
            String ownVersion = inherited(project, "version", shown);
            if (!version.equals(ownVersion)) {
                problems.add(shown + ": version '" + ownVersion + "', expected '" + version + "'");
            }
            for (String path : INHERITED) {
                if (inherited(project, path, shown).isEmpty()) {
                    problems.add(shown + ": no <" + path + "> in it or its parents (Central requires it)");
                }
            }
            if ("import-bom".equals(bomKind(project))) {
                bomFound = true;
                checkBom(shown, project, groupId, version, jars);
            }
        }
        if (!bomFound) {
            problems.add("no BOM (a pom with only dependencyManagement) in the bundle");
        }
    }

    private static String bomKind(Element project) {
        boolean pomPackaging = "pom".equals(text(project, "packaging"));
        boolean manages = !children(project, "dependencyManagement/dependencies/dependency").isEmpty();
        boolean aggregates = !children(project, "modules/module").isEmpty();
        return pomPackaging && manages && !aggregates && text(project, "parent/artifactId").isEmpty()
                ? "import-bom" : "";
    }

    private void checkBom(String shown, Element bom, String groupId, String version, List<String> jars) {
        Set<String> managed = new TreeSet<>();
        for (Element dependency : children(bom, "dependencyManagement/dependencies/dependency")) {
            String artifact = text(dependency, "artifactId");
            String managedVersion = text(dependency, "version").replace("${project.version}", version);
            if (!groupId.equals(text(dependency, "groupId"))) {
                problems.add(shown + ": manages " + text(dependency, "groupId") + ":" + artifact
                        + ", which is not this project's");
            } else if (!version.equals(managedVersion)) {
                problems.add(shown + ": manages " + artifact + " at '" + managedVersion + "', expected '"
                        + version + "'");
            }
            managed.add(artifact);
        }
        for (String jar : jars) {
            if (!managed.contains(jar)) {
                problems.add(shown + ": does not manage the published " + jar);
            }
        }
    }

    /** The value at path in the POM or, when it has none, in its parent's (found in the bundle), and so on. */
    private String inherited(Element project, String path, String shown) throws Exception {
        Element current = project;
        String currentShown = shown;
        for (int depth = 0; depth < 10; depth++) {
            String value = text(current, path);
            if (!value.isEmpty()) {
                return value;
            }
            if (path.equals("version") && !text(current, "parent/version").isEmpty()) {
                return text(current, "parent/version");
            }
            String parentGroup = text(current, "parent/groupId");
            if (parentGroup.isEmpty()) {
                return "";
            }
            String parentArtifact = text(current, "parent/artifactId");
            String parentVersion = text(current, "parent/version");
            Path parent = bundle.resolve(parentGroup.replace('.', '/')).resolve(parentArtifact).resolve(parentVersion)
                    .resolve(parentArtifact + "-" + parentVersion + ".pom");
            if (!Files.isRegularFile(parent)) {
                problems.add(currentShown + ": its parent " + parentArtifact + " " + parentVersion
                        + " is not in the bundle");
                return "";
            }
            current = parse(parent);
            currentShown = bundle.relativize(parent).toString();
        }
        return "";
    }

    private static Element parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static String text(Element element, String path) {
        List<Element> found = children(element, path);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }

    private static List<Element> children(Element element, String path) {
        List<Element> current = List.of(element);
        for (String name : path.split("/")) {
            List<Element> next = new ArrayList<>();
            for (Element parent : current) {
                for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element && name.equals(localName(child))) {
                        next.add((Element) child);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private static String localName(Node node) {
        String name = node.getNodeName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }
}
