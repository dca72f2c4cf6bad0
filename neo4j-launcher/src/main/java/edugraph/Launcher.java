package edugraph;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * Neo4j 5 Community embedded, serving Bolt on 127.0.0.1 only.
 *
 * <p>Usage: {@code Launcher HOME PORT PASSWORD_FILE PAGECACHE_BYTES}. The store lives under HOME; the
 * password of user {@code neo4j} is set from PASSWORD_FILE on every start, so that file is the one
 * truth. Prints {@code READY <port>} once Bolt accepts connections; SIGTERM shuts the DBMS down cleanly.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: Launcher HOME PORT PASSWORD_FILE PAGECACHE_BYTES TRANSACTION_MAX_BYTES");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).strip();
        long pagecache = Long.parseLong(args[3]);
        long transactionMax = Long.parseLong(args[4]);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // loopback only, a generated password: no lock-out, which a client polling for the
                // server to come up (before the password is set) would otherwise keep renewing
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                // a console query that would take more is ended with MemoryPoolOutOfMemoryError, before
                // the heap runs out (the sum of all transactions is capped too, at the same size)
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, transactionMax)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, transactionMax)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }));
        // the default user's password comes from the project's file; no change is asked at login
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        System.out.println("READY " + port);
        System.out.flush();
        stopped.await();
    }
}
