package payoutroutes.app.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's users file: hashed passwords only, the operator's command, and the JAAS login on top of it. */
class HawtioUsersTest {

    private static final String PASSWORD = "a long enough passphrase";

    @TempDir
    Path dir;

    @Test
    void aUserIsStoredAsASaltedPbkdf2HashWithItsIterationCountAndRoles() throws Exception {
        HawtioUsers users = new HawtioUsers(dir.resolve("users.properties"));
        users.add("ops", PASSWORD.toCharArray(), List.of("admin"));

        String file = Files.readString(users.file());
        assertFalse(file.contains(PASSWORD), "never the password itself");
        assertTrue(file.lines().anyMatch(l -> l.matches("ops = PBKDF2-SHA256:600000:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]{44},admin")),
                file);
        assertEquals(Optional.of(List.of("admin")), users.authenticate("ops", PASSWORD.toCharArray()));
    }

    @Test
    void aWrongPasswordAnUnknownUserAndAMissingFileAreAllRefused() throws Exception {
        HawtioUsers users = new HawtioUsers(dir.resolve("users.properties"));
        assertEquals(Optional.empty(), users.authenticate("ops", PASSWORD.toCharArray()), "no file: nobody");
        users.add("ops", PASSWORD.toCharArray(), List.of("admin"));

        assertEquals(Optional.empty(), users.authenticate("ops", "a long enough passphrasE".toCharArray()));
        assertEquals(Optional.empty(), users.authenticate("someone", PASSWORD.toCharArray()));
        assertEquals(Optional.empty(), users.authenticate(null, PASSWORD.toCharArray()));
        assertEquals(Optional.empty(), users.authenticate("ops", new char[0]));
    }

    @Test
    void addingAUserAgainChangesOnlyTheirLineWithAFreshSalt() throws Exception {
        HawtioUsers users = new HawtioUsers(dir.resolve("users.properties"));
        users.add("ops", PASSWORD.toCharArray(), List.of("admin"));
        users.add("auditor", "another long passphrase".toCharArray(), List.of("viewer"));
        String before = users.read().get("ops").passwordHash();

        users.add("ops", PASSWORD.toCharArray(), List.of("admin"));

        assertNotEquals(before, users.read().get("ops").passwordHash(), "same password, new salt");
        assertEquals(Set.of("ops", "auditor"), users.read().keySet());
        assertEquals(Optional.of(List.of("viewer")), users.authenticate("auditor", "another long passphrase".toCharArray()));
    }

    @Test
    void shortPasswordsAndOddNamesAreRefused() {
        HawtioUsers users = new HawtioUsers(dir.resolve("users.properties"));
        assertThrows(IllegalArgumentException.class, () -> users.add("ops", "short".toCharArray(), List.of("admin")));
        assertThrows(IllegalArgumentException.class, () -> users.add("o ps", PASSWORD.toCharArray(), List.of("admin")));
        assertThrows(IllegalArgumentException.class, () -> users.add("ops=x", PASSWORD.toCharArray(), List.of("admin")));
        assertThrows(IllegalArgumentException.class, () -> users.add("ops", PASSWORD.toCharArray(), List.of()));
        assertFalse(Files.exists(users.file()));
    }

    @Test
    void theOperatorsCommandReadsThePasswordFromStandardInput() throws Exception {
        Path file = dir.resolve("from-the-command.properties");
        InputStream stdin = System.in;
        System.setProperty("payouts.hawtio.users-file", file.toString());
        try {
            System.setIn(new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
            HawtioUsers.main(new String[] {"add", "ops", "admin"});
        } finally {
            System.setIn(stdin);
            System.clearProperty("payouts.hawtio.users-file");
        }
        assertEquals(Optional.of(List.of("admin")), new HawtioUsers(file).authenticate("ops", PASSWORD.toCharArray()));
    }

    @Test
    void theLoginModuleGivesTheUserAndTheirRolesAndRefusesAWrongPassword() throws Exception {
        HawtioUsers users = new HawtioUsers(dir.resolve("users.properties"));
        users.add("ops", PASSWORD.toCharArray(), List.of("admin"));
        Configuration jaas = new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(UsersFileLoginModule.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                        Map.of(UsersFileLoginModule.USERS_FILE_OPTION, users.file().toString()))};
            }
        };

        Subject subject = new Subject();
        new LoginContext("console", subject, callbacks -> {
            ((NameCallback) callbacks[0]).setName("ops");
            ((PasswordCallback) callbacks[1]).setPassword(PASSWORD.toCharArray());
        }, jaas).login();
        assertEquals(Set.of("UserPrincipal:ops", "ConsoleRole:admin"), subject.getPrincipals().stream()
                .map(p -> p.getClass().getSimpleName() + ":" + p.getName()).collect(Collectors.toSet()));
        assertTrue(subject.getPublicCredentials().isEmpty() && subject.getPrivateCredentials().isEmpty(),
                "Hawtio answers a login with the public credentials: nothing of the password goes there");

        LoginContext wrong = new LoginContext("console", new Subject(), callbacks -> {
            ((NameCallback) callbacks[0]).setName("ops");
            ((PasswordCallback) callbacks[1]).setPassword("not the passphrase at all".toCharArray());
        }, jaas);
        assertThrows(FailedLoginException.class, wrong::login);
    }
}
