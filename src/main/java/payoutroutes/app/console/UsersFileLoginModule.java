package payoutroutes.app.console;

import java.io.IOException;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * Hawtio's login against the users file ({@link HawtioUsers}), read at every login so that a user added while
 * the service runs can log in at once. Jetty's own PropertyFileLoginModule needs Jetty's JAASLoginService around
 * it (it fails with a NullPointerException under Hawtio's plain LoginContext), hence this one.
 * Nothing about the password is kept in the Subject: Hawtio answers a login with the Subject's public credentials.
 */
public class UsersFileLoginModule implements LoginModule {

    /** The JAAS option naming the users file. */
    public static final String USERS_FILE_OPTION = "usersFile";

    private Subject subject;
    private CallbackHandler callbacks;
    private HawtioUsers users;
    private final List<Principal> principals = new ArrayList<>();

    /** Hawtio shows the name of a principal whose class is called UserPrincipal as the logged-in user. */
    public record UserPrincipal(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    /** A role; Hawtio admits a Subject holding one named in {@code hawtio.roles}, of a class in {@code hawtio.rolePrincipalClasses}. */
    public record ConsoleRole(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        this.users = new HawtioUsers(Path.of(String.valueOf(options.get(USERS_FILE_OPTION))));
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user: ");
        PasswordCallback password = new PasswordCallback("password: ", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot ask for the user and password: " + e);
        }
        char[] secret = password.getPassword();
        try {
            Optional<List<String>> roles = users.authenticate(name.getName(), secret == null ? new char[0] : secret);
            if (roles.isEmpty()) {
                throw new FailedLoginException("unknown user or wrong password");
            }
            principals.add(new UserPrincipal(name.getName()));
            roles.get().forEach(role -> principals.add(new ConsoleRole(role)));
            return true;
        } catch (IOException e) {
            throw new LoginException("cannot read the users file " + users.file() + ": " + e.getMessage());
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
            password.clearPassword();
        }
    }

    @Override
    public boolean commit() {
        subject.getPrincipals().addAll(principals);
        return !principals.isEmpty();
    }

    @Override
    public boolean abort() {
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        return true;
    }
}
