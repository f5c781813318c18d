package payoutroutes.app.console;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The console's users file, one line per user, as Jetty's realm files have it (password, then roles):
 * <pre>alice = PBKDF2-SHA256:600000:&lt;salt base64&gt;:&lt;hash base64&gt;,admin</pre>
 * Only a salted PBKDF2-HMAC-SHA256 hash is kept, with its iteration count, so the count can be raised later
 * without invalidating older lines. Also the operator's command to add a user (or set a new password):
 * <pre>java -cp target/payout-routes.jar payoutroutes.app.console.HawtioUsers add &lt;user&gt; admin</pre>
 * which asks for the password on the console (or reads one line from standard input).
 */
public final class HawtioUsers {

    /** Where the users file is unless {@code payouts.hawtio.users-file} says otherwise (relative to the working directory). */
    public static final String DEFAULT_FILE = "hawtio-users.properties";
    /** The one role the console admits (Hawtio's own name for it). */
    public static final String ADMIN_ROLE = "admin";

    private static final String SCHEME = "PBKDF2-SHA256";
    // OWASP's current advice for PBKDF2-HMAC-SHA256; one login costs a few hundred milliseconds, once per session
    private static final int ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    // checked against when the user is unknown, so that an unknown user costs as much time as a wrong password
    private static final String UNKNOWN_USER_HASH = hash("not a password of anyone".toCharArray());

    /** One user: the stored hash and the roles. */
    public record User(String name, String passwordHash, List<String> roles) {
    }

    private final Path file;

    public HawtioUsers(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The users in the file; none when it is missing. Lines that are not a well-formed user are left out. */
    public Map<String, User> read() throws IOException {
        Map<String, User> users = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return users;
        }
        Properties lines = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines.load(reader);
        }
        for (String name : lines.stringPropertyNames()) {
            List<String> parts = Arrays.stream(lines.getProperty(name).split(",")).map(String::trim).toList();
            if (USER_NAME.matcher(name).matches() && parts.get(0).startsWith(SCHEME + ":")) {
                users.put(name, new User(name, parts.get(0), parts.subList(1, parts.size())));
            }
        }
        return users;
    }

    /**
     * The user's roles when the password is theirs; empty otherwise (unknown user, wrong password, no file).
     * The same work is done for an unknown user as for a known one, and hashes are compared in constant time.
     */
    public Optional<List<String>> authenticate(String name, char[] password) throws IOException {
        User user = name == null ? null : read().get(name);
        boolean matches = verify(password, user == null ? UNKNOWN_USER_HASH : user.passwordHash());
        return user != null && matches ? Optional.of(user.roles()) : Optional.empty();
    }

    /** Adds the user, or replaces their line (a new password, new roles); the other lines are kept as they are. */
    public void add(String name, char[] password, List<String> roles) throws IOException {
        if (!USER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 of A-Z a-z 0-9 . _ @ -");
        }
        if (roles.isEmpty() || !roles.stream().allMatch(r -> ROLE_NAME.matcher(r).matches())) {
            throw new IllegalArgumentException("roles are 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        if (password.length < 12) {
            throw new IllegalArgumentException("a password has at least 12 characters");
        }
        String line = name + " = " + hash(password) + "," + String.join(",", roles);
        List<String> lines = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            for (String existing : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!existing.matches("\\s*" + Pattern.quote(name) + "\\s*[=:].*")) {
                    lines.add(existing);
                }
            }
        } else {
            lines.add("# Hawtio console users: <user> = <PBKDF2 hash>,<roles>. Add or change one with");
            lines.add("#   java -cp target/payout-routes.jar payoutroutes.app.console.HawtioUsers add <user> admin");
        }
        lines.add(line);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // written beside the file and moved over it, so a login never reads half a file
        Path next = Files.createTempFile(parent, ".hawtio-users", ".tmp");
        Files.write(next, lines, StandardCharsets.UTF_8);
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return SCHEME + ":" + ITERATIONS + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(derive(password, salt, ITERATIONS));
    }

    static boolean verify(char[] password, String stored) {
        String[] parts = stored.split(":");
        if (password == null || parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || iterations > 10_000_000) {
                return false;
            }
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is in every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** {@code add <user> <role>[,<role>...]}: asks for the password and writes the user's line. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3 || !"add".equals(args[0])) {
            System.err.println("usage: HawtioUsers add <user> <role>     (the console admits role " + ADMIN_ROLE + ")");
            System.err.println("The password is asked for, or read from standard input. The file is "
                    + "payouts.hawtio.users-file (-D or PAYOUTS_HAWTIO_USERS_FILE, else application.properties), "
                    + "by default " + DEFAULT_FILE + ".");
            System.exit(2);
        }
        HawtioUsers users = new HawtioUsers(usersFileOfThisDeployment());
        char[] password = readPassword();
        try {
            List<String> roles = Arrays.stream(args[2].split(",")).map(String::trim).toList();
            users.add(args[1], password, roles);
            System.out.println("user " + args[1] + " written to " + users.file().toAbsolutePath()
                    + (roles.contains(ADMIN_ROLE) ? "" : " (without role " + ADMIN_ROLE + " they cannot log in)"));
        } catch (IllegalArgumentException refused) {
            System.err.println(refused.getMessage());
            System.exit(1);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The file the service would read: system property, then environment variable, then ./application.properties. */
    static Path usersFileOfThisDeployment() throws IOException {
        String configured = System.getProperty("payouts.hawtio.users-file", System.getenv("PAYOUTS_HAWTIO_USERS_FILE"));
        Path properties = Path.of("application.properties");
        if (configured == null && Files.isRegularFile(properties)) {
            Properties application = new Properties();
            try (var reader = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
                application.load(reader);
            }
            configured = application.getProperty("payouts.hawtio.users-file");
        }
        return Path.of(configured == null || configured.isBlank() ? DEFAULT_FILE : configured.trim());
    }

    private static char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (first == null || !Arrays.equals(first, again)) {
                System.err.println("the two passwords differ");
                System.exit(1);
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? new char[0] : line.toCharArray();
    }
}
