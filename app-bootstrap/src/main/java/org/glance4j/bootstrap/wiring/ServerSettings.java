package org.glance4j.bootstrap.wiring;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.glance4j.bootstrap.cli.ServeOptions;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.DatabaseTarget;
import org.glance4j.bootstrap.config.GlanceConfig;
import org.glance4j.bootstrap.config.ImportConfig;
import org.glance4j.bootstrap.config.IniFile;
import org.glance4j.bootstrap.config.KeystoneConfig;
import org.glance4j.bootstrap.config.OperatorPolicy;
import org.glance4j.bootstrap.config.RefusedSettingException;
import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.core.format.FormatSettings;
import org.glance4j.core.settings.CoreSettings;
import org.glance4j.core.settings.DataSettings;
import org.glance4j.core.settings.ImportSettings;
import org.glance4j.core.settings.LocationSettings;
import org.glance4j.http.AuthMode;
import org.glance4j.http.ConnectionLimits;
import org.glance4j.http.HttpSettings;
import org.glance4j.jdbc.JdbcSettings;

/**
 * Everything the server is built from, after the flags have been laid over the configuration file: the settings
 * records of the core and of each adapter. This is the one place where flags, file and defaults meet.
 *
 * @param core     the core's settings
 * @param http     the HTTP adapter's settings
 * @param database the database to use
 * @param jdbc     the JDBC adapter's settings for that database
 * @param dataDir  the data directory (absolute)
 * @param data     the core's data settings; the node id is {@link DataSettings#defaults()}'s until
 *                 {@link #withNodeId(String)} sets the one persisted in the data directory
 * @param stores   the image stores to build, each file store with its {@code filesystem_store_datadir} (absolute;
 *                 by default {@code DATA_DIR/images} in the single-store form, {@code DATA_DIR/<id>} otherwise)
 * @param defaultStore the id of the store that receives uploads
 * @param locations whether images show their locations and direct_url
 * @param formats  the core's format inspection settings ({@code [image_format]})
 * @param importing    the import settings
 * @param stagingDir   the staging directory of imports ({@code DATA_DIR/staging} unless configured)
 */
public record ServerSettings(
        CoreSettings core,
        HttpSettings http,
        DatabaseTarget database,
        JdbcSettings jdbc,
        Path dataDir,
        DataSettings data,
        List<StoreConfig> stores,
        String defaultStore,
        LocationSettings locations,
        FormatSettings formats,
        ImportSettings importing,
        Path stagingDir) {

    /** The directory of the staging area inside the data directory, by default. */
    public static final String STAGING_DIR = "staging";

    /** Settings with locations hidden, Glance's format checks, and Glance's import defaults. */
    public ServerSettings(
            CoreSettings core,
            HttpSettings http,
            DatabaseTarget database,
            JdbcSettings jdbc,
            Path dataDir,
            DataSettings data,
            List<StoreConfig> stores,
            String defaultStore) {
        this(
                core,
                http,
                database,
                jdbc,
                dataDir,
                data,
                stores,
                defaultStore,
                LocationSettings.defaults(),
                FormatSettings.defaults(),
                defaultImporting(dataDir, stores));
    }

    /** With the staging directory in the data directory ({@link #STAGING_DIR}). */
    public ServerSettings(
            CoreSettings core,
            HttpSettings http,
            DatabaseTarget database,
            JdbcSettings jdbc,
            Path dataDir,
            DataSettings data,
            List<StoreConfig> stores,
            String defaultStore,
            LocationSettings locations,
            FormatSettings formats,
            ImportSettings importing) {
        this(
                core,
                http,
                database,
                jdbc,
                dataDir,
                data,
                stores,
                defaultStore,
                locations,
                formats,
                importing,
                dataDir.resolve(STAGING_DIR));
    }

    private static ImportSettings defaultImporting(Path dataDir, List<StoreConfig> stores) {
        return ImportSettings.defaults()
                .withMultiStore(!stores.isEmpty() && !stores.get(0).singleStoreForm());
    }

    /** Whether the stores are configured the multi-store way ({@code enabled_backends}). */
    public boolean multipleStores() {
        return stores.stream().noneMatch(StoreConfig::singleStoreForm);
    }

    /** The directory of the single-store form's file store inside the data directory, by default. */
    public static final String IMAGES_DIR = "images";

    /** The name of the embedded SQLite file in the data directory. */
    public static final String SQLITE_FILE = "glance.sqlite";

    public ServerSettings {
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(jdbc, "jdbc");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(data, "data");
        stores = List.copyOf(stores);
        Objects.requireNonNull(defaultStore, "defaultStore");
        Objects.requireNonNull(locations, "locations");
        Objects.requireNonNull(formats, "formats");
        Objects.requireNonNull(importing, "importing");
        Objects.requireNonNull(stagingDir, "stagingDir");
    }

    /** A copy with the import options of the file laid over Glance's defaults. */
    public ServerSettings withImporting(ImportConfig file) {
        ImportSettings.FilterRules filter = new ImportSettings.FilterRules(
                file.allowedSchemes(),
                file.disallowedSchemes(),
                file.allowedHosts(),
                file.disallowedHosts(),
                file.allowedPorts(),
                file.disallowedPorts());
        ImportSettings settings = new ImportSettings(
                file.enabledMethods(),
                file.plugins(),
                file.outputFormat(),
                file.inject(),
                file.ignoreUserRoles(),
                filter,
                file.taskPoolThreads(),
                file.taskTimeToLive(),
                importing.multiStore());
        return new ServerSettings(
                core,
                http,
                database,
                jdbc,
                dataDir,
                data,
                stores,
                defaultStore,
                locations,
                formats,
                settings,
                file.stagingDir().orElse(dataDir.resolve(STAGING_DIR)));
    }

    /** A copy whose HTTP adapter has these timeouts and connection cap. */
    public ServerSettings withConnections(ConnectionLimits connections) {
        return new ServerSettings(
                core,
                http.withConnections(connections),
                database,
                jdbc,
                dataDir,
                data,
                stores,
                defaultStore,
                locations,
                formats,
                importing,
                stagingDir);
    }

    /** A copy whose data settings carry this node id. */
    public ServerSettings withNodeId(String nodeId) {
        return new ServerSettings(
                core,
                http,
                database,
                jdbc,
                dataDir,
                new DataSettings(data.imageSizeCap(), data.hashingAlgorithm(), nodeId),
                stores,
                defaultStore,
                locations,
                formats,
                importing,
                stagingDir);
    }

    /**
     * Lays the flags over the file.
     *
     * @throws RefusedSettingException  when noauth would listen on an address other than loopback without
     *                         {@code --insecure-noauth}, or the bind address cannot be resolved
     * @throws ConfigException when the flavor names no mode glance4j has
     */
    public static ServerSettings resolve(ServeOptions flags, GlanceConfig file) {
        return resolve(flags, file, ConfigLoader.load(IniFile.empty()).keystone());
    }

    /**
     * Lays the flags over the file, with the {@code [keystone_authtoken]} options of the file.
     *
     * @throws RefusedSettingException  as {@link #resolve(ServeOptions, GlanceConfig)}
     * @throws ConfigException when the flavor names no mode glance4j has, or Keystone validation is chosen and a
     *                         required {@code [keystone_authtoken]} option is missing
     */
    public static ServerSettings resolve(ServeOptions flags, GlanceConfig file, KeystoneConfig keystone) {
        Path dataDir = flags.dataDir().toAbsolutePath().normalize();
        String bindHost = flags.bind().orElse(file.bindHost());
        int port = flags.port().orElse(file.bindPort());
        AuthMode auth = flags.auth().orElseGet(() -> authFromFlavor(file.pasteFlavor()));
        if (auth == AuthMode.NOAUTH && !flags.insecureNoauth() && !isLoopback(bindHost)) {
            throw new RefusedSettingException("refusing to serve without authentication (noauth) on " + bindHost
                    + ", which is not a loopback address: anyone who reaches it is an admin. Bind to 127.0.0.1, use "
                    + "--auth trusted-headers behind an authenticating proxy, or add --insecure-noauth.");
        }
        HttpSettings defaults = HttpSettings.defaults();
        HttpSettings http = new HttpSettings(
                bindHost,
                port,
                auth == AuthMode.KEYSTONE ? AuthMode.NOAUTH : auth,
                defaults.noauthProjectId(),
                defaults.noauthUserId(),
                defaults.ioThreads(),
                defaults.workerThreads());
        if (auth == AuthMode.KEYSTONE) {
            http = http.withKeystone(keystone.toSettings());
        }

        CoreSettings fileCore = new CoreSettings(
                file.diskFormats(),
                file.containerFormats(),
                file.limitParamDefault(),
                file.apiLimitMax(),
                file.imagePropertyQuota(),
                file.imageTagQuota(),
                Map.of(),
                file.imageMemberQuota(),
                null,
                file.maxListFilters());
        Optional<Path> configDir =
                flags.configFile().map(f -> f.toAbsolutePath().getParent());
        CoreSettings core = OperatorPolicy.apply(fileCore, file.policy(), configDir);

        DatabaseTarget database = file.database()
                .orElseGet(() -> new DatabaseTarget(
                        DatabaseTarget.Kind.SQLITE, "jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE), null, null));
        JdbcSettings jdbc = new JdbcSettings(
                database.jdbcUrl(), database.user(), database.password(), file.maxPoolSize(), file.statementTimeout());
        DataSettings data = new DataSettings(
                file.imageSizeCap(),
                file.hashingAlgorithm(),
                DataSettings.defaults().nodeId());
        // the built-in store types' paths and own directories; plugin types are prepared when the server starts
        List<StoreConfig> stores = StoreSections.prepare(file.stores(), StoreTypes.classPath(), dataDir);
        return new ServerSettings(
                core,
                http,
                database,
                jdbc,
                dataDir,
                data,
                stores,
                file.defaultStore(),
                new LocationSettings(file.showMultipleLocations(), file.showImageDirectUrl()),
                file.formats(),
                defaultImporting(dataDir, stores));
    }

    /** The mode a Glance paste flavor stands for when {@code --auth} is not given. */
    static AuthMode authFromFlavor(Optional<String> flavor) {
        if (flavor.isEmpty()) {
            return AuthMode.NOAUTH;
        }
        String name = flavor.get().toLowerCase(Locale.ROOT);
        if (name.contains("keystone")) {
            return AuthMode.KEYSTONE;
        }
        if (name.equals("caching") || name.equals("cachemanagement")) {
            return AuthMode.NOAUTH;
        }
        throw new ConfigException("invalid value for [paste_deploy] flavor: '" + flavor.get()
                + "': glance4j knows the flavors keystone, keystone+caching, keystone+cachemanagement, caching and "
                + "cachemanagement");
    }

    /** Whether a bind address is a loopback address (127.0.0.0/8, ::1, or a name that resolves to one). */
    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new RefusedSettingException("cannot resolve the bind address '" + host + "'");
        }
    }
}
