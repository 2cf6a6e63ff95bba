package dev.imcp.codegen.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Decides which files are contracts and which are parts of one.
 *
 * <p>In a contracts folder every file is a candidate, in sub-folders too, except hidden files and
 * folders (names starting with {@code .}) and documentation ({@code *.md}, {@code *.markdown},
 * {@code *.txt}, {@code *.adoc}, {@code *.rst}, and {@code README*}, {@code LICENSE*}, {@code NOTICE*},
 * {@code COPYING*}), and the lockfile ({@value #LOCKFILE_NAME}, which {@code imcp:lock} writes there). A candidate that another file imports ({@link ContractImports}: an XSD next to its
 * WSDL, an OpenAPI file another one {@code $ref}s) is a part of that contract; every other candidate is a
 * contract. With an explicit list, the listed files are the contracts. Either way, the files the contracts
 * import, directly or not, are inputs too, wherever they are.
 */
public final class ContractDiscovery {

    private static final Pattern DOCUMENTATION = Pattern.compile(
            "(?i)(.*\\.(md|markdown|txt|adoc|rst)|(readme|license|notice|copying)([.-].*)?)");

    /** The lockfile {@code imcp:lock} writes next to the contracts: a record of them, not one of them. */
    public static final String LOCKFILE_NAME = "imcp.lock.json";

    private ContractDiscovery() {
    }

    /**
     * What discovery found.
     *
     * @param contracts the contract files, absolute and normalized, in path order
     * @param parts for each contract, the files it imports directly or not, in path order
     * @param inputs every file a generation depends on (the candidates, the contracts and everything they
     *     import; an imported file that does not exist is listed too, so its appearance is noticed), in
     *     path order
     */
    public record ContractSet(List<Path> contracts, Map<Path, List<Path>> parts, List<Path> inputs) {

        /** Copies the collections. */
        public ContractSet {
            contracts = List.copyOf(contracts);
            parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * Lists the candidate files of a contracts folder: every regular file under it, except hidden files and
     * folders and documentation.
     *
     * @param directory the contracts folder; a missing folder has no candidates
     * @return absolute, normalized paths in path order
     * @throws IOException when the folder cannot be listed
     */
    public static List<Path> candidates(Path directory) throws IOException {
        Path root = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (attrs.isRegularFile() && !hidden(file) && !DOCUMENTATION.matcher(name).matches()
                        && !LOCKFILE_NAME.equals(name)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(found);
        return found;
    }

    /**
     * Discovers the contracts of a contracts folder: its candidates that no other file imports.
     *
     * @param directory the contracts folder
     * @return the contracts, their parts and every input
     * @throws IOException when a file cannot be read
     */
    public static ContractSet inDirectory(Path directory) throws IOException {
        List<Path> candidates = candidates(directory);
        Map<Path, List<Path>> imports = new TreeMap<>();
        for (Path candidate : candidates) {
            closure(candidate, imports);
        }
        Set<Path> imported = new TreeSet<>();
        imports.values().forEach(imported::addAll);
        List<Path> contracts = candidates.stream().filter(c -> !imported.contains(c)).toList();
        return result(contracts, candidates, imports);
    }

    /**
     * Takes the listed files as the contracts and finds what they import.
     *
     * @param contracts the contract files, absolute
     * @return the contracts (in the order given), their parts and every input
     * @throws IOException when a file cannot be read
     */
    public static ContractSet listed(List<Path> contracts) throws IOException {
        List<Path> normalized = contracts.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        Map<Path, List<Path>> imports = new TreeMap<>();
        for (Path contract : normalized) {
            closure(contract, imports);
        }
        return result(normalized, List.of(), imports);
    }

    private static ContractSet result(List<Path> contracts, List<Path> candidates, Map<Path, List<Path>> imports) {
        Map<Path, List<Path>> parts = new LinkedHashMap<>();
        Set<Path> inputs = new TreeSet<>(candidates);
        inputs.addAll(contracts);
        for (Path contract : contracts) {
            Set<Path> reached = new TreeSet<>();
            Deque<Path> todo = new ArrayDeque<>(imports.getOrDefault(contract, List.of()));
            while (!todo.isEmpty()) {
                Path next = todo.pop();
                if (!next.equals(contract) && reached.add(next)) {
                    todo.addAll(imports.getOrDefault(next, List.of()));
                }
            }
            parts.put(contract, List.copyOf(reached));
            inputs.addAll(reached);
        }
        return new ContractSet(contracts, parts, List.copyOf(inputs));
    }

    /** Records the direct imports of {@code file} and of every existing file it reaches, each read once. */
    private static void closure(Path file, Map<Path, List<Path>> imports) throws IOException {
        Deque<Path> todo = new ArrayDeque<>();
        todo.push(file);
        while (!todo.isEmpty()) {
            Path next = todo.pop();
            if (imports.containsKey(next) || !Files.isRegularFile(next)) {
                continue;
            }
            // Decoded leniently: a file in another encoding (or not text at all) must not stop discovery.
            List<Path> direct = ContractImports.direct(next, new String(Files.readAllBytes(next), StandardCharsets.UTF_8));
            imports.put(next, direct);
            direct.forEach(todo::push);
        }
    }

    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }
}
