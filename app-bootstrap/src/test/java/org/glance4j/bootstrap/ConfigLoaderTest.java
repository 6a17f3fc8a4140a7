package org.glance4j.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.glance4j.bootstrap.config.ConfigException;
import org.glance4j.bootstrap.config.ConfigLoader;
import org.glance4j.bootstrap.config.DatabaseTarget;
import org.glance4j.bootstrap.config.GlanceConfig;
import org.glance4j.bootstrap.config.GlanceOptions;
import org.glance4j.bootstrap.config.IgnoredOption;
import org.glance4j.bootstrap.config.IniParser;
import org.glance4j.bootstrap.config.LoadedConfig;
import org.glance4j.bootstrap.config.OptionSpec;
import org.glance4j.bootstrap.config.OptionSupport;
import org.glance4j.bootstrap.config.StoreConfig;
import org.glance4j.core.format.FormatSettings;
import org.glance4j.core.settings.PropertyProtectionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins every default and every name mapping, in the spirit of Airlift's ConfigAssertions. */
class ConfigLoaderTest {

    private static final Path WORK = Path.of("/srv/glance");

    private static LoadedConfig load(String text) {
        return ConfigLoader.load(IniParser.parse("glance-api.conf", text), WORK);
    }

    @Test
    void recordsEveryDefault() {
        GlanceConfig defaults = GlanceConfig.defaults();
        assertThat(defaults)
                .isEqualTo(new GlanceConfig(
                        "127.0.0.1",
                        9292,
                        Optional.empty(),
                        25,
                        1000,
                        128,
                        128,
                        128,
                        1099511627776L,
                        "sha512",
                        List.of("ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"),
                        List.of("ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"),
                        Optional.empty(),
                        5,
                        Optional.empty(),
                        List.of(new StoreConfig("file", "file", "glance_store", Map.of())),
                        "file",
                        false,
                        false,
                        new GlanceConfig.PolicyConfig(
                                Optional.empty(), Optional.empty(), PropertyProtectionSettings.Format.ROLES),
                        new FormatSettings(true, List.of("streamOptimized", "monolithicSparse"), List.of()),
                        256,
                        java.time.Duration.ofSeconds(30)));
    }

    /** Every option set to a value other than its default, each under Glance's name and section. */
    private static final String FULL = String.join(
            "\n",
            "[DEFAULT]",
            "bind_host = 0.0.0.0",
            "bind_port = 9393",
            "workers = 4",
            "limit_param_default = 10",
            "api_limit_max = 50",
            "max_list_filters = 64",
            "image_property_quota = 7",
            "image_tag_quota = -1",
            "image_member_quota = 3",
            "image_size_cap = 1024",
            "hashing_algorithm = SHA3_256",
            "property_protection_file = protections.conf",
            "property_protection_rule_format = Policies",
            "enabled_backends = fast:file, slow:file",
            "show_image_direct_url = true",
            "show_multiple_locations = Yes",
            "[glance_store]",
            "default_backend = slow",
            "[fast]",
            "filesystem_store_datadir = images/fast",
            "filesystem_store_file_perm = 640",
            "filesystem_store_chunk_size = 1048576",
            "filesystem_thin_provisioning = true",
            "store_description = Fast disks",
            "weight = -20",
            "image_conversion_output_format = raw",
            "[image_format]",
            "disk_formats = raw, qcow2",
            "container_formats = bare",
            "require_image_format_match = False",
            "vmdk_allowed_types = streamOptimized",
            "gpt_safety_checks_nonfatal = mbr",
            "[database]",
            "connection = postgresql+psycopg2://glance:s3cret@db.example:5433/glance",
            "max_pool_size = 12",
            "statement_timeout = 5",
            "[paste_deploy]",
            "flavor = keystone",
            "[oslo_policy]",
            "policy_file = /etc/glance4j/my-policy.yaml",
            "");

    @Test
    void mapsEveryOptionNameToItsField() {
        LoadedConfig loaded = load(FULL);
        assertThat(loaded.ignored()).isEmpty();
        GlanceConfig config = loaded.config();
        GlanceConfig expected = new GlanceConfig(
                "0.0.0.0",
                9393,
                Optional.of(4),
                10,
                50,
                7,
                -1,
                3,
                1024L,
                "sha3_256",
                List.of("raw", "qcow2"),
                List.of("bare"),
                Optional.of(new DatabaseTarget(
                        DatabaseTarget.Kind.POSTGRESQL,
                        "jdbc:postgresql://db.example:5433/glance",
                        "glance",
                        "s3cret")),
                12,
                Optional.of("keystone"),
                List.of(
                        new StoreConfig(
                                "fast",
                                "file",
                                "fast",
                                Map.of(
                                        "filesystem_store_datadir", "images/fast",
                                        "filesystem_store_file_perm", "640",
                                        "filesystem_store_chunk_size", "1048576",
                                        "filesystem_thin_provisioning", "true",
                                        "store_description", "Fast disks",
                                        "weight", "-20",
                                        "image_conversion_output_format", "raw")),
                        new StoreConfig("slow", "file", "slow", Map.of())),
                "slow",
                true,
                true,
                new GlanceConfig.PolicyConfig(
                        Optional.of("/etc/glance4j/my-policy.yaml"),
                        Optional.of("protections.conf"),
                        PropertyProtectionSettings.Format.POLICIES),
                new FormatSettings(false, List.of("streamOptimized"), List.of("mbr")),
                64,
                java.time.Duration.ofSeconds(5));
        assertThat(config).isEqualTo(expected);
        assertThat(config.multipleStores()).isTrue();
        assertThat(config.stores().get(0).weight()).isEqualTo(-20);
        assertThat(config.stores().get(0).description()).isEqualTo("Fast disks");
        assertThat(config.stores().get(1).weight()).isZero();
        assertThat(config.stores().get(1).description()).isNull();
        GlanceConfig defaults = GlanceConfig.defaults();
        for (var component : GlanceConfig.class.getRecordComponents()) {
            assertThat(invoke(component, config))
                    .as(component.getName() + " differs from its default")
                    .isNotEqualTo(invoke(component, defaults));
        }
    }

    /** The single-store form: the file store's options in [glance_store], chosen by the deprecated default_store. */
    private static final String SINGLE_STORE = String.join(
            "\n",
            "[glance_store]",
            "stores = file, http",
            "default_store = filesystem",
            "filesystem_store_datadir = /var/lib/glance/images/",
            "filesystem_store_file_perm = 600",
            "filesystem_store_chunk_size = 4096",
            "filesystem_thin_provisioning = false",
            "rbd_store_pool = images",
            "");

    @Test
    void readsTheSingleStoreFormFromGlanceStore() {
        LoadedConfig loaded = load(SINGLE_STORE);
        assertThat(loaded.config().stores())
                .containsExactly(new StoreConfig(
                        "file",
                        "file",
                        "glance_store",
                        Map.of(
                                "filesystem_store_datadir", "/var/lib/glance/images/",
                                "filesystem_store_file_perm", "600",
                                "filesystem_store_chunk_size", "4096",
                                "filesystem_thin_provisioning", "false",
                                "rbd_store_pool", "images")));
        assertThat(loaded.config().defaultStore()).isEqualTo("file");
        // the store owns its section: its factory's declaration reports rbd_store_pool (OpenStores), not the loader
        assertThat(loaded.ignored()).isEmpty();
    }

    @Test
    void theFullMappingsCoverEveryOptionGlance4jReads() {
        Set<String> inFiles = new java.util.HashSet<>();
        for (String text : List.of(
                FULL,
                SINGLE_STORE,
                ImportConfigTest.FULL_IMPORT,
                ConnectionLimitsConfigTest.FULL_CONNECTIONS,
                KeystoneConfigTest.FULL_KEYSTONE,
                OsloLimitConfigTest.FULL_LIMITS,
                NodeLeaseConfigTest.FULL_LEASE,
                PluginDirsConfigTest.FULL_PLUGINS,
                CacheConfigTest.FULL_CACHE,
                OperationsConfigTest.FULL_OPERATIONS)) {
            IniParser.parse("f", text)
                    .sections()
                    .forEach((section, options) -> options.keySet().forEach(name -> {
                        boolean storeSection = section.equals("fast") || section.equals("glance_store");
                        String where = storeSection ? "glance_store" : section;
                        // a store's own options belong to its factory's declaration (StoreOptionsDocTest), not to the
                        // table
                        if (!storeSection || GlanceOptions.find(where, name).isPresent()) {
                            inFiles.add("[" + where + "] " + name);
                        }
                    }));
        }
        Set<String> read =
                GlanceOptions.read().stream().map(OptionSpec::qualifiedName).collect(Collectors.toSet());
        assertThat(inFiles).isEqualTo(read);
    }

    private static Object invoke(java.lang.reflect.RecordComponent component, GlanceConfig config) {
        try {
            return component.getAccessor().invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void catalogueDefaultsMatchTheRecordedDefaults() {
        GlanceConfig defaults = GlanceConfig.defaults();
        assertThat(GlanceOptions.BIND_HOST.defaultText()).isEqualTo(defaults.bindHost());
        assertThat(GlanceOptions.BIND_PORT.defaultText()).isEqualTo("9292");
        assertThat(GlanceOptions.LIMIT_PARAM_DEFAULT.defaultText()).isEqualTo("25");
        assertThat(GlanceOptions.API_LIMIT_MAX.defaultText()).isEqualTo("1000");
        assertThat(GlanceOptions.IMAGE_SIZE_CAP.defaultText()).isEqualTo("1099511627776");
        assertThat(GlanceOptions.HASHING_ALGORITHM.defaultText()).isEqualTo(defaults.hashingAlgorithm());
        assertThat(GlanceOptions.DEFAULT_STORE.defaultText()).isEqualTo(defaults.defaultStore());
        assertThat(GlanceOptions.DISK_FORMATS.defaultText()).isEqualTo(String.join(",", defaults.diskFormats()));
        assertThat(GlanceOptions.CONTAINER_FORMATS.defaultText())
                .isEqualTo(String.join(",", defaults.containerFormats()));
        assertThat(GlanceOptions.WORKERS.support()).isEqualTo(OptionSupport.ACCEPTED_NO_EFFECT);
        assertThat(GlanceOptions.POLICY_FILE.support()).isEqualTo(OptionSupport.SUPPORTED);
        assertThat(GlanceOptions.ENFORCE_SCOPE.support()).isEqualTo(OptionSupport.NOT_SUPPORTED_YET);
        assertThat(GlanceOptions.ALL.stream().map(OptionSpec::qualifiedName)).doesNotHaveDuplicates();
    }

    @Test
    void readsFormatsFromTheDeprecatedDefaultSectionWhenImageFormatDoesNotSetThem() {
        GlanceConfig config = load("[DEFAULT]\ndisk_formats = raw\ncontainer_formats = bare,ovf\n")
                .config();
        assertThat(config.diskFormats()).containsExactly("raw");
        assertThat(config.containerFormats()).containsExactly("bare", "ovf");
        GlanceConfig both = load("[DEFAULT]\ndisk_formats = raw\n[image_format]\ndisk_formats = iso\n")
                .config();
        assertThat(both.diskFormats()).containsExactly("iso");
        assertThat(load("[DEFAULT]\ndisk_formats = raw\n").ignored()).isEmpty();
        assertThatThrownBy(() -> load("[DEFAULT]\ncontainer_formats = bare,,ovf\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid value for [DEFAULT] container_formats (glance-api.conf, line 2)");
    }

    @Test
    void readsMultiLineListsAndAnEmptyList() {
        GlanceConfig config = load("[image_format]\ndisk_formats = raw,\n  qcow2\ncontainer_formats =\n")
                .config();
        assertThat(config.diskFormats()).containsExactly("raw", "qcow2");
        assertThat(config.containerFormats()).isEmpty();
    }

    @Test
    void readsImageSizeCapUpToTwoToTheSixtyThree() {
        assertThat(load("[DEFAULT]\nimage_size_cap = 9223372036854775808\n")
                        .config()
                        .imageSizeCap())
                .isEqualTo(Long.MAX_VALUE);
        assertThat(load("[DEFAULT]\nimage_size_cap = +42\n").config().imageSizeCap())
                .isEqualTo(42L);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DEFAULT|bind_port|abc|[DEFAULT] bind_port (glance-api.conf, line 2): 'abc': it is not an integer",
                "DEFAULT|bind_port|65536|[DEFAULT] bind_port (glance-api.conf, line 2): '65536': it must be between 0 and 65535",
                "DEFAULT|limit_param_default|0|[DEFAULT] limit_param_default (glance-api.conf, line 2): '0': it must be at least 1",
                "DEFAULT|api_limit_max|1.5|[DEFAULT] api_limit_max (glance-api.conf, line 2): '1.5': it is not an integer",
                "DEFAULT|image_property_quota|99999999999|[DEFAULT] image_property_quota (glance-api.conf, line 2): '99999999999': it does not fit in a 32-bit integer",
                "DEFAULT|image_tag_quota|many|[DEFAULT] image_tag_quota (glance-api.conf, line 2): 'many': it is not an integer",
                "DEFAULT|image_member_quota||[DEFAULT] image_member_quota (glance-api.conf, line 2): '': it is not an integer",
                "DEFAULT|image_size_cap|0|[DEFAULT] image_size_cap (glance-api.conf, line 2): '0': it must be between 1 and 9223372036854775808",
                "DEFAULT|image_size_cap|9223372036854775809|[DEFAULT] image_size_cap (glance-api.conf, line 2): '9223372036854775809': it must be between 1 and 9223372036854775808",
                "DEFAULT|hashing_algorithm|blake2b|[DEFAULT] hashing_algorithm (glance-api.conf, line 2): 'blake2b': glance4j computes md5, sha1, sha224, sha256, sha384, sha512, sha512_224, sha512_256, sha3_224, sha3_256, sha3_384, sha3_512",
                "DEFAULT|enabled_backends|fast|[DEFAULT] enabled_backends (glance-api.conf, line 2): 'fast': the entry 'fast' is not an id:type pair (e.g. fast:file)",
                "DEFAULT|enabled_backends|fast:file,,slow:file|[DEFAULT] enabled_backends (glance-api.conf, line 2): 'fast:file,,slow:file': it has an empty entry",
                "DEFAULT|enabled_backends|fast:|[DEFAULT] enabled_backends (glance-api.conf, line 2): 'fast:': the store 'fast' has no type (e.g. fast:file)",
                "DEFAULT|enabled_backends|a:file,A:file|[DEFAULT] enabled_backends (glance-api.conf, line 2): 'a:file,A:file': the store id 'A' appears twice",
                "DEFAULT|enabled_backends|../x:file|[DEFAULT] enabled_backends (glance-api.conf, line 2): '../x:file': the store id '../x' must be letters",
                "DEFAULT|enabled_backends|os_glance_staging_store:file|[DEFAULT] enabled_backends (glance-api.conf, line 2): 'os_glance_staging_store:file': the store id 'os_glance_staging_store' is reserved by Glance",
                "DEFAULT|enabled_backends|database:file|[DEFAULT] enabled_backends (glance-api.conf, line 2): 'database:file': the store id 'database' names a section with other options",
                "glance_store|default_store|rbd|[glance_store] default_store (glance-api.conf, line 2): 'rbd': glance4j has only the file store so far",
                "glance_store|stores|file,,http|[glance_store] stores (glance-api.conf, line 2): 'file,,http': it has an empty entry",
                "DEFAULT|workers|-1|[DEFAULT] workers (glance-api.conf, line 2): '-1': it must be at least 0",
                "image_format|disk_formats|raw,,iso|[image_format] disk_formats (glance-api.conf, line 2): 'raw,,iso': it has an empty entry",
                "database|max_pool_size|0|[database] max_pool_size (glance-api.conf, line 2): '0': it must be at least 1",
                "database|connection|mssql+pyodbc://g:p@h/glance|[database] connection (glance-api.conf, line 2): mssql+pyodbc://g:****@h/glance: glance4j supports sqlite, postgresql and mysql (MariaDB) databases, not mssql",
            })
    void aValueThatDoesNotParseIsFatalAndNamesSectionAndOption(
            String section, String option, String value, String message) {
        String text = "[" + section + "]\n" + option + " = " + (value == null ? "" : value) + "\n";
        assertThatThrownBy(() -> load(text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("invalid value for " + message);
    }

    @Test
    void listsUnsupportedAndUnknownOptionsOnceWithHints() {
        LoadedConfig loaded = load(String.join(
                "\n",
                "[DEFAULT]",
                "bind_prot = 9292",
                "image_location_quota = 3",
                "debug = true",
                "[database]",
                "conection = sqlite:///x",
                "[oslo_policy]",
                "enforce_scope = false",
                "[keystone_authtoken]",
                "auth_protocol = http",
                "[image_format]",
                "limit_param_default = 3",
                ""));
        assertThat(loaded.ignored())
                .containsExactly(
                        new IgnoredOption("DEFAULT", "bind_prot", false, Optional.of("[DEFAULT] bind_port")),
                        new IgnoredOption("DEFAULT", "image_location_quota", true, Optional.empty()),
                        new IgnoredOption("DEFAULT", "debug", false, Optional.empty()),
                        new IgnoredOption("database", "conection", false, Optional.of("[database] connection")),
                        new IgnoredOption("oslo_policy", "enforce_scope", true, Optional.empty()),
                        new IgnoredOption("keystone_authtoken", "auth_protocol", false, Optional.empty()),
                        new IgnoredOption(
                                "image_format",
                                "limit_param_default",
                                false,
                                Optional.of("[DEFAULT] limit_param_default")));
        assertThat(loaded.ignoredReport())
                .isEqualTo("configuration options ignored by glance4j (7): "
                        + "[DEFAULT] bind_prot (did you mean [DEFAULT] bind_port?), "
                        + "[DEFAULT] image_location_quota (not supported yet), [DEFAULT] debug, "
                        + "[database] conection (did you mean [database] connection?), "
                        + "[oslo_policy] enforce_scope (not supported yet), [keystone_authtoken] auth_protocol, "
                        + "[image_format] limit_param_default (did you mean [DEFAULT] limit_param_default?)");
        assertThat(loaded.ignoredReport()).doesNotContain("\n");
        assertThat(loaded.config().bindPort()).isEqualTo(9292);
        assertThat(loaded.config().limitParamDefault()).isEqualTo(25);
    }

    @Test
    void aMysqlConnectionOfGlanceApiConfIsReadAndItsQueryParametersAreListedAsIgnored() {
        LoadedConfig loaded = load(String.join(
                "\n",
                "[database]",
                "connection = mysql+pymysql://glance:s3cret@db.example:3306/glance?charset=utf8",
                ""));

        assertThat(loaded.config().database())
                .contains(new DatabaseTarget(
                        DatabaseTarget.Kind.MARIADB,
                        "jdbc:mariadb://db.example:3306/glance",
                        "glance",
                        "s3cret",
                        Map.of("charset", "glance4j always talks utf8mb4 to MariaDB")));
        assertThat(loaded.ignoredReport())
                .isEqualTo("configuration options ignored by glance4j (1): "
                        + "[database] connection parameter charset (glance4j always talks utf8mb4 to MariaDB)");
    }

    @Test
    void enabledBackendsNeedADefaultBackendAmongThem() {
        assertThatThrownBy(() -> load("[DEFAULT]\nenabled_backends = fast:file\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[glance_store] default_backend is not set: with [DEFAULT] enabled_backends it must name "
                        + "the store that receives uploads, one of: fast");
        assertThatThrownBy(() -> load("[DEFAULT]\nenabled_backends = fast:file\n[glance_store]\ndefault_backend = x\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for [glance_store] default_backend (glance-api.conf, line 4): 'x': it is "
                        + "not a store of [DEFAULT] enabled_backends (fast)");
    }

    @Test
    void withEnabledBackendsTheSingleStoreOptionsAreIgnoredAndTheOtherWayRound() {
        LoadedConfig multi = load("[DEFAULT]\nenabled_backends = fast:file\n[glance_store]\ndefault_backend = fast\n"
                + "filesystem_store_datadir = /x\n[fast]\nfilesystem_store_datadir = /y\n");
        assertThat(multi.config().stores())
                .containsExactly(new StoreConfig("fast", "file", "fast", Map.of("filesystem_store_datadir", "/y")));
        assertThat(multi.ignored())
                .containsExactly(new IgnoredOption(
                        "glance_store",
                        "filesystem_store_datadir",
                        false,
                        Optional.empty(),
                        Optional.of(
                                "no effect with enabled_backends; stores read their options from their own section")));
        assertThat(multi.ignoredReport())
                .isEqualTo("configuration options ignored by glance4j (1): "
                        + "[glance_store] filesystem_store_datadir (no effect with enabled_backends; stores read their "
                        + "options from their own section)");
        LoadedConfig single = load("[glance_store]\ndefault_backend = fast\n");
        assertThat(single.config().defaultStore()).isEqualTo("file");
        assertThat(single.ignored())
                .containsExactly(new IgnoredOption(
                        "glance_store",
                        "default_backend",
                        true,
                        Optional.empty(),
                        Optional.of("no effect without enabled_backends")));
    }

    @Test
    void aWeightMustBeAnIntegerAndTheShowOptionsBooleans() {
        assertThatThrownBy(() -> load("[DEFAULT]\nenabled_backends = fast:file\n[glance_store]\ndefault_backend = "
                        + "fast\n[fast]\nweight = heavy\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for [fast] weight (glance-api.conf, line 6): 'heavy': it is not an integer");
        assertThatThrownBy(() -> load("[DEFAULT]\nshow_multiple_locations = maybe\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for [DEFAULT] show_multiple_locations (glance-api.conf, line 2): 'maybe': "
                        + "it is not a boolean (true or false)");
        GlanceConfig config = load("[DEFAULT]\nshow_image_direct_url = TRUE\nshow_multiple_locations = 0\n")
                .config();
        assertThat(config.showImageDirectUrl()).isTrue();
        assertThat(config.showMultipleLocations()).isFalse();
        assertThat(config.multipleStores()).isFalse();
    }

    @Test
    void aStoresOutputFormatIsRawQcow2OrVmdk() {
        assertThatThrownBy(() -> load("[DEFAULT]\nenabled_backends = ceph:file\n[glance_store]\ndefault_backend = "
                        + "ceph\n[ceph]\nimage_conversion_output_format = vhd\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid value for [ceph] image_conversion_output_format (glance-api.conf, line 6): "
                        + "'vhd': it must be raw, qcow2 or vmdk");
        LoadedConfig loaded = load("[DEFAULT]\nenabled_backends = ceph:file, fast:file\n[glance_store]\n"
                + "default_backend = fast\n[ceph]\nimage_conversion_output_format = raw\n");
        assertThat(loaded.config().stores().get(0).outputFormat()).isEqualTo("raw");
        assertThat(loaded.config().stores().get(1).outputFormat()).isNull();
        assertThat(load("[glance_store]\nimage_conversion_output_format = raw\n")
                        .config()
                        .stores()
                        .get(0)
                        .outputFormat())
                .as("no effect in the single-store form")
                .isNull();
    }

    @Test
    void weightAndDescriptionHaveNoEffectInTheSingleStoreForm() {
        LoadedConfig single = load("[glance_store]\nweight = 5\n");
        assertThat(single.ignored()).extracting(IgnoredOption::name).containsExactly("weight");
    }

    @Test
    void everyOptionOfAStoresSectionIsHandedToTheStoreAndNotReportedHere() {
        LoadedConfig loaded = load("[DEFAULT]\nenabled_backends = objects:s3, cloud:swift\n[glance_store]\n"
                + "default_backend = objects\n[objects]\ns3_store_host = http://s3.example\ns3_store_bucket = b\n"
                + "filesystem_store_datadir = /x\n[cloud]\nswift_store_user = p:u\nswift_store_keyy = k\n");
        assertThat(loaded.config().stores().get(0).options()).containsEntry("s3_store_host", "http://s3.example");
        // the store owns its section: unknown options of it are its factory's to report (OpenStores)
        assertThat(loaded.ignored()).isEmpty();
    }

    @Test
    void aStoreTypeIsNotCheckedHereSinceStoresArePlugins() {
        GlanceConfig config = load("[DEFAULT]\nenabled_backends = ceph:rbd\n[glance_store]\ndefault_backend = ceph\n"
                        + "[ceph]\nrbd_store_pool = images\n")
                .config();
        assertThat(config.stores())
                .containsExactly(new StoreConfig("ceph", "rbd", "ceph", Map.of("rbd_store_pool", "images")));
    }

    @Test
    void anEmptyFileIgnoresNothing() {
        assertThat(load("").ignored()).isEmpty();
        assertThat(load("").ignoredReport()).isEmpty();
    }

    @Test
    void anEmptyConnectionMeansTheEmbeddedDatabase() {
        assertThat(load("[database]\nconnection =\n").config().database()).isEmpty();
    }
}
