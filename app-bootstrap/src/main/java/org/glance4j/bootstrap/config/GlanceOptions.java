package org.glance4j.bootstrap.config;

import static org.glance4j.bootstrap.config.OptionSupport.ACCEPTED_NO_EFFECT;
import static org.glance4j.bootstrap.config.OptionSupport.NOT_SUPPORTED_YET;
import static org.glance4j.bootstrap.config.OptionSupport.SUPPORTED;

import java.util.List;
import java.util.Optional;

/**
 * The catalogue of {@code glance-api.conf} options glance4j knows: their section, name, default and meaning. It is
 * the single source for the start-up report, the "did you mean" hints and {@code docs/configuration.md}.
 */
public final class GlanceOptions {

    public static final String DEFAULT = IniFile.DEFAULT_SECTION;
    public static final String IMAGE_FORMAT = "image_format";
    public static final String DATABASE = "database";
    public static final String PASTE_DEPLOY = "paste_deploy";
    public static final String OSLO_POLICY = "oslo_policy";
    public static final String GLANCE_STORE = "glance_store";
    public static final String IMAGE_IMPORT_OPTS = "image_import_opts";
    public static final String IMPORT_FILTERING_OPTS = "import_filtering_opts";
    public static final String IMAGE_CONVERSION = "image_conversion";
    public static final String INJECT_METADATA_PROPERTIES = "inject_metadata_properties";
    public static final String STAGING_STORE = "os_glance_staging_store";
    public static final String WSGI = "wsgi";
    public static final String TASK = "task";
    public static final String KEYSTONE_AUTHTOKEN = "keystone_authtoken";
    public static final String OSLO_LIMIT = "oslo_limit";
    /** oslo.middleware's healthcheck options. */
    public static final String HEALTHCHECK = "healthcheck";
    /** glance4j's own options, which Glance does not have. */
    public static final String GLANCE4J = "glance4j";

    public static final String DEFAULT_DISK_FORMATS = "ami,ari,aki,vhd,vhdx,vmdk,raw,qcow2,vdi,iso,ploop";
    public static final String DEFAULT_CONTAINER_FORMATS = "ami,ari,aki,bare,ovf,ova,docker,compressed";

    public static final OptionSpec BIND_HOST = new OptionSpec(
            DEFAULT,
            "bind_host",
            "127.0.0.1",
            SUPPORTED,
            "Address the API listens on. Glance's old standalone server defaulted to 0.0.0.0; glance4j listens on "
                    + "loopback unless told otherwise. The --bind flag overrides it.");
    public static final OptionSpec BIND_PORT = new OptionSpec(
            DEFAULT,
            "bind_port",
            "9292",
            SUPPORTED,
            "TCP port of the API, 0 to 65535 (0 picks a free port). The --port flag overrides it.");
    public static final OptionSpec WORKERS = new OptionSpec(
            DEFAULT,
            "workers",
            "(none)",
            ACCEPTED_NO_EFFECT,
            "Glance's number of API processes. Accepted and checked (an integer of 0 or more) but ignored: glance4j "
                    + "runs as one process and keeps the HTTP adapter's default thread pools.");
    public static final OptionSpec CLIENT_SOCKET_TIMEOUT = new OptionSpec(
            DEFAULT,
            "client_socket_timeout",
            "900",
            SUPPORTED,
            "Seconds the server waits for a client that sends or reads nothing, 0 for ever: a connection "
                    + "idle before or between requests is closed, a request body that stops coming is given up (an "
                    + "upload fails and its image returns to queued), a download whose client stops reading is "
                    + "cut. A stalled client holds only its connection meanwhile, never a thread that serves others.");
    public static final OptionSpec REQUEST_HEADER_TIMEOUT = new OptionSpec(
            GLANCE4J,
            "request_header_timeout",
            "60",
            SUPPORTED,
            "glance4j's own option (Glance has none): seconds a client has to send a request's line "
                    + "and headers once it has begun them; the connection is closed after that (a client sending "
                    + "them byte by byte, slowloris). 0 for ever.");
    public static final OptionSpec MAX_CLIENT_CONNECTIONS = new OptionSpec(
            GLANCE4J,
            "max_client_connections",
            "4096",
            SUPPORTED,
            "glance4j's own option: most client connections open at once (at least 1); beyond "
                    + "it new connections wait in the listen backlog until one closes. Each upload or download holds "
                    + "one connection and one thread. Without the option, fewer than 4096 when the open-file limit "
                    + "(ulimit -n) is low: half of what it leaves after 256. Each Glance API worker process serves at most "
                    + "1000 connections at once (a fixed pool).");
    public static final OptionSpec NODE_LEASE_SECONDS = new OptionSpec(
            GLANCE4J,
            "node_lease_seconds",
            "60",
            SUPPORTED,
            "glance4j's own option: seconds a node's lease in the database lasts (at least 3). A node "
                    + "renews it every third of that; when it has not renewed for this long, one live node puts back "
                    + "its unfinished uploads, stages and imports and deletes their partial data. Use one value on "
                    + "every node; the nodes' clocks must agree to well within it.");
    public static final OptionSpec PLUGIN_DIRS = new OptionSpec(
            GLANCE4J,
            "plugin_dirs",
            "(none)",
            SUPPORTED,
            "glance4j only: directories of store plugin jars, comma-separated, added to those of --plugins. Every "
                    + "jar is loaded in a class loader of its own that sees only the ports API and the JDK; start-up "
                    + "logs the store types found and where from, and a broken jar stops it naming the jar. Relative "
                    + "paths are resolved against the working directory.");
    public static final OptionSpec DISABLE_BY_FILE_PATH = new OptionSpec(
            HEALTHCHECK,
            "disable_by_file_path",
            "(none)",
            SUPPORTED,
            "While this file exists, GET /healthcheck answers 503 DISABLED BY FILE (HEAD: 503), "
                    + "so that a load balancer drains the node; remove it to answer 200 OK again. oslo.middleware's "
                    + "option; Glance's shipped api-paste.ini names /etc/glance/healthcheck_disable.");
    public static final OptionSpec METRICS_PORT = new OptionSpec(
            GLANCE4J,
            "metrics_port",
            "(none)",
            SUPPORTED,
            "glance4j's own option: TCP port of GET /metrics (the Prometheus text format), served apart from the "
                    + "API so that it never faces the public; 0 picks a free port. No metrics when unset. The "
                    + "--metrics-port flag overrides it.");
    public static final OptionSpec METRICS_BIND_HOST = new OptionSpec(
            GLANCE4J,
            "metrics_bind_host",
            "(bind_host)",
            SUPPORTED,
            "glance4j's own option: address /metrics listens on; the API's address (--bind or bind_host) "
                    + "when unset.");
    public static final OptionSpec LOG_FORMAT = new OptionSpec(
            GLANCE4J,
            "log_format",
            "text",
            SUPPORTED,
            "glance4j's own option: text (one line per record: time, level, [request id], logger, message) or json "
                    + "(one JSON object per line; a request's line has its method, route, status, bytes, duration "
                    + "and project as fields). Ignored when -Djava.util.logging.config.file is given.");
    public static final OptionSpec ACCESS_LOG = new OptionSpec(
            GLANCE4J,
            "access_log",
            "true",
            SUPPORTED,
            "glance4j's own option: log one INFO line per HTTP request (method, path template, status, bytes in "
                    + "and out, duration, request id, project).");
    public static final OptionSpec LIMIT_PARAM_DEFAULT = new OptionSpec(
            DEFAULT,
            "limit_param_default",
            "25",
            SUPPORTED,
            "Page size of a list call that sends no limit (at least 1).");
    public static final OptionSpec API_LIMIT_MAX = new OptionSpec(
            DEFAULT,
            "api_limit_max",
            "1000",
            SUPPORTED,
            "Largest page a list call returns; a bigger limit is cut down to it (at least 1).");
    public static final OptionSpec MAX_LIST_FILTERS = new OptionSpec(
            DEFAULT,
            "max_list_filters",
            "256",
            SUPPORTED,
            "glance4j only: most filters (tags included) one image list call may carry; more is 400. Glance has no "
                    + "such bound (at least 1).");
    public static final OptionSpec IMAGE_PROPERTY_QUOTA = new OptionSpec(
            DEFAULT,
            "image_property_quota",
            "128",
            SUPPORTED,
            "Most additional properties an image may have; negative means unlimited.");
    public static final OptionSpec IMAGE_TAG_QUOTA = new OptionSpec(
            DEFAULT, "image_tag_quota", "128", SUPPORTED, "Most tags an image may have; negative means unlimited.");
    public static final OptionSpec IMAGE_MEMBER_QUOTA = new OptionSpec(
            DEFAULT,
            "image_member_quota",
            "128",
            SUPPORTED,
            "Most members an image may be shared with; negative means unlimited. One more is 413.");
    public static final OptionSpec PROPERTY_PROTECTION_FILE = new OptionSpec(
            DEFAULT,
            "property_protection_file",
            "(none)",
            SUPPORTED,
            "INI file of property protections: one section per regular expression over custom "
                    + "property names, each with create, read, update and delete. Relative to the directory of the "
                    + "configuration file. A file that is missing or malformed stops the start naming the section.");
    public static final OptionSpec PROPERTY_PROTECTION_RULE_FORMAT = new OptionSpec(
            DEFAULT,
            "property_protection_rule_format",
            "roles",
            SUPPORTED,
            "How the protection file names who may act: "
                    + "roles (comma-separated role names, @ for everyone, ! for nobody) or policies (one policy "
                    + "rule name of the policy file per operation).");
    public static final OptionSpec IMAGE_SIZE_CAP = new OptionSpec(
            DEFAULT,
            "image_size_cap",
            "1099511627776",
            SUPPORTED,
            "Largest image upload in bytes, 1 to 2^63 (2^63 is read as 2^63-1). A bigger upload gets 413 "
                    + "and the image stays queued.");
    public static final OptionSpec HASHING_ALGORITHM = new OptionSpec(
            DEFAULT,
            "hashing_algorithm",
            "sha512",
            SUPPORTED,
            "Algorithm of os_hash_value (os_hash_algo), by its Python hashlib name: md5, sha1, sha224, "
                    + "sha256, sha384, sha512, sha512_224, sha512_256, sha3_224, sha3_256, sha3_384 or sha3_512. "
                    + "Any other name stops the start (Glance would fail every upload instead).");
    public static final OptionSpec DISK_FORMATS = new OptionSpec(
            IMAGE_FORMAT,
            "disk_formats",
            DEFAULT_DISK_FORMATS,
            SUPPORTED,
            "Allowed values of disk_format, comma-separated. Also read from [DEFAULT] (deprecated "
                    + "location, as in Glance) when [image_format] does not set it.");
    public static final OptionSpec CONTAINER_FORMATS = new OptionSpec(
            IMAGE_FORMAT,
            "container_formats",
            DEFAULT_CONTAINER_FORMATS,
            SUPPORTED,
            "Allowed values of container_format, comma-separated. Also read "
                    + "from [DEFAULT] (deprecated location, as in Glance) when [image_format] does not set it.");
    public static final OptionSpec REQUIRE_IMAGE_FORMAT_MATCH = new OptionSpec(
            IMAGE_FORMAT,
            "require_image_format_match",
            "True",
            SUPPORTED,
            "Uploads of container_format bare are inspected as "
                    + "they stream (qcow2, vmdk, vhd, vhdx, vdi, iso, gpt/mbr, luks): bytes that are not the "
                    + "disk_format they claim (raw may hold anything, ami/ari/aki/ploop anything unrecognised), two "
                    + "formats at once, or a file cut short are refused with 415 and the image stays queued. False "
                    + "lets those through without virtual_size; failed safety checks are refused either way.");
    public static final OptionSpec VMDK_ALLOWED_TYPES = new OptionSpec(
            IMAGE_FORMAT,
            "vmdk_allowed_types",
            "streamOptimized,monolithicSparse",
            SUPPORTED,
            "VMDK createTypes an upload may have, comma-separated "
                    + "(empty: no VMDK at all). The inspector never accepts more than these two single-file types: "
                    + "the others name extents in other files. Glance checks this list only when converting.");
    public static final OptionSpec GPT_SAFETY_CHECKS_NONFATAL = new OptionSpec(
            IMAGE_FORMAT,
            "gpt_safety_checks_nonfatal",
            "(none)",
            SUPPORTED,
            "Safety checks that only warn on a disk with a "
                    + "partition table, comma-separated: mbr is the one check there is.");
    public static final OptionSpec CONNECTION = new OptionSpec(
            DATABASE,
            "connection",
            "sqlite in DATA_DIR/glance.sqlite",
            SUPPORTED,
            "SQLAlchemy URL of the database: sqlite:///relative/path, "
                    + "sqlite:////absolute/path, postgresql://user:password@host:port/db (also postgresql+psycopg2:// "
                    + "and postgresql+psycopg://), mysql+pymysql://user:password@host:port/db for MariaDB 10.6 or "
                    + "newer (also mysql://, mysql+mysqldb://, mariadb://; query parameters such as ?charset=utf8 are "
                    + "listed as ignored at start-up). Other databases are refused.");
    public static final OptionSpec MAX_POOL_SIZE = new OptionSpec(
            DATABASE,
            "max_pool_size",
            "5",
            SUPPORTED,
            "Most open database connections (oslo.db's default), at least 1.");
    public static final OptionSpec STATEMENT_TIMEOUT = new OptionSpec(
            DATABASE,
            "statement_timeout",
            "30",
            SUPPORTED,
            "glance4j only, PostgreSQL (statement_timeout) and MariaDB (max_statement_time): seconds one "
                    + "database statement may run before the server stops it and the call answers 503; 0 means no "
                    + "limit. Schema migrations run without it.");
    public static final OptionSpec FLAVOR = new OptionSpec(
            PASTE_DEPLOY,
            "flavor",
            "(none)",
            SUPPORTED,
            "Picks the authentication mode when --auth is not given: no flavor, caching or cachemanagement mean "
                    + "noauth; any flavor containing keystone means keystone: glance4j validates X-Auth-Token "
                    + "against Keystone itself with the [keystone_authtoken] options (--auth trusted-headers instead "
                    + "trusts the identity headers of a proxy that validated the token).");
    public static final OptionSpec PASTE_CONFIG_FILE = new OptionSpec(
            PASTE_DEPLOY, "config_file", "(none)", NOT_SUPPORTED_YET, "glance4j has no paste pipeline; ignored.");
    public static final OptionSpec POLICY_FILE = new OptionSpec(
            OSLO_POLICY,
            "policy_file",
            "policy.yaml",
            SUPPORTED,
            "Operator policy overrides in YAML or JSON (rule name: oslo.policy check string), each "
                    + "replacing Glance's default rule of that name. Relative to the directory of the configuration "
                    + "file. The default file may be absent; a file named here must exist. A rule that does not parse "
                    + "stops the start naming the rule.");
    public static final OptionSpec ENFORCE_NEW_DEFAULTS = new OptionSpec(
            OSLO_POLICY,
            "enforce_new_defaults",
            "True",
            NOT_SUPPORTED_YET,
            "glance4j always applies Glance's current default rules.");
    public static final OptionSpec ENFORCE_SCOPE = new OptionSpec(
            OSLO_POLICY,
            "enforce_scope",
            "True",
            NOT_SUPPORTED_YET,
            "Not configurable: glance4j always checks scope, as Glance master does (it can no "
                    + "longer be turned off there). Every image, member, task and metadef rule is for project-scoped "
                    + "tokens, so a system-scoped or domain-scoped Keystone token is refused them: 403, or 404 where "
                    + "Glance hides the object (an image, a metadef namespace).");
    public static final OptionSpec ENABLED_BACKENDS = new OptionSpec(
            DEFAULT,
            "enabled_backends",
            "(none)",
            SUPPORTED,
            "Image stores as id:type pairs, comma-separated (fast:file). Each store reads its options "
                    + "from the section named after its id ([fast]); the options of each type are listed below. Types: "
                    + "those of the store plugins found (the built-in ones and those of --plugins and plugin_dirs). A store "
                    + "that cannot start stops the start, naming the store and why. Enables GET /v2/info/stores, "
                    + "DELETE /v2/stores/{store}/{image}, the x-image-meta-store upload header, the stores image "
                    + "property and API versions 2.8 and 2.10-2.13. Not set: one file store configured in "
                    + "[glance_store] (Glance's single-store form).");
    public static final OptionSpec DEFAULT_BACKEND = new OptionSpec(
            GLANCE_STORE,
            "default_backend",
            "(none)",
            SUPPORTED,
            "With enabled_backends: the id of the store that receives uploads. Required then, as in "
                    + "Glance; without enabled_backends it is ignored.");
    public static final OptionSpec DEFAULT_STORE = new OptionSpec(
            GLANCE_STORE,
            "default_store",
            "file",
            SUPPORTED,
            "Single-store form (deprecated in Glance): must be file (or filesystem); another store "
                    + "stops the start. The store's id is file. Ignored when enabled_backends is set.");
    public static final OptionSpec STORES = new OptionSpec(
            GLANCE_STORE,
            "stores",
            "file,http",
            ACCEPTED_NO_EFFECT,
            "Single-store form (deprecated in Glance): checked as a list, but the one store is "
                    + "the file store of default_store.");
    public static final OptionSpec STORE_DESCRIPTION = new OptionSpec(
            GLANCE_STORE,
            "store_description",
            "(none)",
            SUPPORTED,
            "With enabled_backends, in a store's own section: the description GET "
                    + "/v2/info/stores shows for it. No effect in [glance_store].");
    public static final OptionSpec WEIGHT = new OptionSpec(
            GLANCE_STORE,
            "weight",
            "0",
            SUPPORTED,
            "With enabled_backends, in a store's own section: an integer; downloads read the copy in the store of "
                    + "highest weight first (the next on failure), and locations, direct_url and stores list "
                    + "stores in that order. No effect in [glance_store].");
    public static final OptionSpec STORE_OUTPUT_FORMAT = new OptionSpec(
            GLANCE_STORE,
            "image_conversion_output_format",
            "(none)",
            SUPPORTED,
            "With enabled_backends, in a store's own section: raw, qcow2 or vmdk, the disk format the store keeps "
                    + "images in (raw for Ceph). Uploads with PUT /file to it are received into the staging area, "
                    + "checked, converted with qemu-img and stored converted (disk_format changes, the client's "
                    + "checksums stay in os_glance_original_checksum and os_glance_original_os_hash_value); imports "
                    + "to it are converted too, and image_conversion converts to it rather than to [image_conversion] "
                    + "output_format. No effect in [glance_store].");

    public static final OptionSpec SHOW_IMAGE_DIRECT_URL = new OptionSpec(
            DEFAULT,
            "show_image_direct_url",
            "False",
            SUPPORTED,
            "Images show direct_url, the URL of their preferred location (a security risk: a "
                    + "location may name a backend's credentials).");
    public static final OptionSpec SHOW_MULTIPLE_LOCATIONS = new OptionSpec(
            DEFAULT,
            "show_multiple_locations",
            "False",
            SUPPORTED,
            "Images show locations (url and metadata), and PATCH may add, replace and remove "
                    + "them (with Glance's policies; a file:// location is never accepted from a client). A security "
                    + "risk, deprecated in Glance.");
    public static final OptionSpec IMAGE_LOCATION_QUOTA = new OptionSpec(
            DEFAULT, "image_location_quota", "10", NOT_SUPPORTED_YET, "glance4j has no locations API yet.");
    public static final OptionSpec USER_STORAGE_QUOTA =
            new OptionSpec(DEFAULT, "user_storage_quota", "0", NOT_SUPPORTED_YET, "No per-project storage quota yet.");
    public static final OptionSpec ENABLED_IMPORT_METHODS = new OptionSpec(
            DEFAULT,
            "enabled_import_methods",
            "glance-direct,web-download,copy-image",
            SUPPORTED,
            "Import methods offered by POST "
                    + "/v2/images/{id}/import, /v2/info/import and the OpenStack-image-import-methods header: any of "
                    + "glance-direct, web-download, copy-image (glance-download is not available). Empty: none; "
                    + "without glance-direct, PUT /v2/images/{id}/stage is 404.");
    public static final OptionSpec NODE_STAGING_URI = new OptionSpec(
            DEFAULT,
            "node_staging_uri",
            "file://DATA_DIR/staging",
            SUPPORTED,
            "Staging area of imports in Glance's single-store form, a "
                    + "file:// URI of a local directory. [os_glance_staging_store] filesystem_store_datadir wins "
                    + "when set. glance4j's default is inside the data directory, not Glance's /tmp/staging/.");
    public static final OptionSpec IMAGE_CACHE_DIR = new OptionSpec(
            DEFAULT,
            "image_cache_dir",
            "(none)",
            SUPPORTED,
            "Directory of this node's image cache; without it there is no cache. Downloads of active images from "
                    + "stores whose bytes are not local files (S3, Swift, HTTP, RBD, plugins) are copied into it as "
                    + "they stream, kept once complete and verified (size and os_hash_value or checksum), and later "
                    + "downloads, whole or ranged, are served from it (zero-copy). Also turns on /v2/cache and API "
                    + "versions 2.14 to 2.18. Partial copies are written in its incomplete/ subdirectory. "
                    + "See docs/image-cache.md.");
    public static final OptionSpec IMAGE_CACHE_MAX_SIZE = new OptionSpec(
            DEFAULT,
            "image_cache_max_size",
            "10737418240",
            SUPPORTED,
            "Bytes above which pruning removes least recently used images from the "
                    + "cache (0 or more). A threshold for the pruner, not a hard limit: the cache may exceed it "
                    + "between two prunes.");
    public static final OptionSpec IMAGE_CACHE_STALL_TIME = new OptionSpec(
            DEFAULT,
            "image_cache_stall_time",
            "86400",
            SUPPORTED,
            "Seconds after which cleaning removes a partial copy that nothing wrote to (0 or " + "more).");
    public static final OptionSpec IMAGE_CACHE_DRIVER = new OptionSpec(
            DEFAULT,
            "image_cache_driver",
            "centralized_db",
            SUPPORTED,
            "centralized_db: the cache records (hits, access times, queue) are kept in "
                    + "glance4j's database, per node. Glance's deprecated sqlite and xattr are accepted and mean "
                    + "centralized_db (a warning says so); anything else is refused.");
    public static final OptionSpec IMAGE_CACHE_SQLITE_DB = new OptionSpec(
            DEFAULT,
            "image_cache_sqlite_db",
            "cache.db",
            ACCEPTED_NO_EFFECT,
            "The sqlite driver's file; the records are in glance4j's database.");
    public static final OptionSpec CACHE_PREFETCHER_INTERVAL = new OptionSpec(
            DEFAULT,
            "cache_prefetcher_interval",
            "300",
            SUPPORTED,
            "Seconds between two runs of the cache jobs of a node with a cache (at least 1): "
                    + "fetch the queued images (PUT /v2/cache/{image_id}, glance4j cache queue), clean stalled "
                    + "partial copies and copies of images no longer active, and prune to image_cache_max_size. "
                    + "Glance master dropped this option and fetches a queued image at once.");
    public static final OptionSpec IMAGE_VERIFY_INTERVAL = new OptionSpec(
            DEFAULT,
            "image_verify_interval",
            "0",
            SUPPORTED,
            "Seconds between two periodic verifications of the stored images (0: none). Each run re-reads "
                    + "every stored copy of every active and deactivated image, as glance4j images verify does, and "
                    + "records the results (GET /v2/verification, glance4j images verify --report, the metric "
                    + "glance4j_image_verifications_total); nothing is repaired. A glance4j extension.");
    public static final OptionSpec IMAGE_VERIFY_RATE_MIB = new OptionSpec(
            DEFAULT,
            "image_verify_rate_mib",
            "50",
            SUPPORTED,
            "MiB per second that a verification reads at most, on average (0: no limit); also the "
                    + "default --rate of glance4j images verify. A glance4j extension.");
    public static final OptionSpec TUS_UPLOAD_EXPIRY = new OptionSpec(
            DEFAULT,
            "tus_upload_expiry",
            "86400",
            SUPPORTED,
            "Seconds a resumable (tus) upload on /v2/images/{image_id}/tus lives after its last PATCH (at least 60); "
                    + "an expired upload's bytes are deleted and its image is queued again. Upload-Expires "
                    + "announces it. A glance4j extension (docs/tus.md).");
    public static final OptionSpec PUBLIC_ENDPOINT = new OptionSpec(
            DEFAULT,
            "public_endpoint",
            "(none)",
            NOT_SUPPORTED_YET,
            "The public URL for the /versions links; not read yet.");

    public static final OptionSpec STAGING_STORE_DATADIR = new OptionSpec(
            STAGING_STORE,
            "filesystem_store_datadir",
            "DATA_DIR/staging",
            SUPPORTED,
            "Directory of the staging area of imports (glance-direct data, "
                    + "web-download and copy-image work files); created if missing. Relative paths are resolved "
                    + "against the working directory.");
    public static final OptionSpec IMAGE_IMPORT_PLUGINS = new OptionSpec(
            IMAGE_IMPORT_OPTS,
            "image_import_plugins",
            "(none)",
            SUPPORTED,
            "Plugins run in this order on imported data before it reaches the stores: "
                    + "image_decompression (gzip, zip), image_conversion (qemu-img), inject_image_metadata, no_op. "
                    + "A failed plugin fails the import and the image returns to queued. Another name stops the "
                    + "start.");
    public static final OptionSpec OUTPUT_FORMAT = new OptionSpec(
            IMAGE_CONVERSION,
            "output_format",
            "raw",
            SUPPORTED,
            "Disk format image_conversion converts to with the qemu-img command: raw, qcow2 or vmdk.");
    public static final OptionSpec INJECT = new OptionSpec(
            INJECT_METADATA_PROPERTIES,
            "inject",
            "(none)",
            SUPPORTED,
            "Properties inject_image_metadata adds to imported images, as key:value pairs " + "separated by commas.");
    public static final OptionSpec IGNORE_USER_ROLES = new OptionSpec(
            INJECT_METADATA_PROPERTIES,
            "ignore_user_roles",
            "admin",
            SUPPORTED,
            "Roles whose imports inject_image_metadata leaves alone, " + "comma-separated.");
    public static final OptionSpec ALLOWED_SCHEMES = new OptionSpec(
            IMPORT_FILTERING_OPTS,
            "allowed_schemes",
            "http,https",
            SUPPORTED,
            "Schemes web-download may fetch; when set, disallowed_schemes is ignored. "
                    + "glance4j fetches http and https only.");
    public static final OptionSpec DISALLOWED_SCHEMES = new OptionSpec(
            IMPORT_FILTERING_OPTS,
            "disallowed_schemes",
            "(none)",
            SUPPORTED,
            "Schemes web-download refuses (used only without " + "allowed_schemes).");
    public static final OptionSpec ALLOWED_HOSTS = new OptionSpec(
            IMPORT_FILTERING_OPTS,
            "allowed_hosts",
            "(none)",
            SUPPORTED,
            "Hosts web-download may fetch from (names or IP literals); when set, "
                    + "disallowed_hosts is ignored. A host that is or resolves to a loopback, link-local, private or "
                    + "other internal address is refused unless it is named here (glance4j's own rule).");
    public static final OptionSpec DISALLOWED_HOSTS = new OptionSpec(
            IMPORT_FILTERING_OPTS,
            "disallowed_hosts",
            "(none)",
            SUPPORTED,
            "Hosts web-download refuses (used only without allowed_hosts).");
    public static final OptionSpec ALLOWED_PORTS = new OptionSpec(
            IMPORT_FILTERING_OPTS,
            "allowed_ports",
            "80,443",
            SUPPORTED,
            "Ports web-download may fetch from; when set, disallowed_ports is ignored. A URI "
                    + "without a port passes, as in Glance. Every redirect is checked again.");
    public static final OptionSpec DISALLOWED_PORTS = new OptionSpec(
            IMPORT_FILTERING_OPTS,
            "disallowed_ports",
            "(none)",
            SUPPORTED,
            "Ports web-download refuses (used only without allowed_ports).");
    public static final OptionSpec TASK_POOL_THREADS = new OptionSpec(
            WSGI,
            "task_pool_threads",
            "16",
            SUPPORTED,
            "Most imports running at once (at least 1); more wait in line. An import the server is "
                    + "stopped in the middle of fails, and its image returns to queued.");
    public static final OptionSpec TASK_TIME_TO_LIVE = new OptionSpec(
            TASK,
            "task_time_to_live",
            "48",
            SUPPORTED,
            "Hours a finished task stays visible in the tasks API (at least 1).");

    /** The options a file store reads, from [glance_store] or from the section of its id. */
    private static final String KEYSTONE_ONLY = " Read with --auth keystone (or a keystone flavor) only.";

    public static final OptionSpec KS_WWW_AUTHENTICATE_URI = keystoneOption(
            "www_authenticate_uri",
            "(auth_url)",
            "The Keystone URI a 401 names to clients in " + "WWW-Authenticate: Keystone uri=\"...\".");
    public static final OptionSpec KS_AUTH_URL = keystoneOption(
            "auth_url",
            "(none)",
            "Keystone's identity endpoint (http://keystone:5000 or .../v3), where glance4j authenticates itself and "
                    + "validates tokens with the v3 API. Required.");
    public static final OptionSpec KS_AUTH_TYPE = keystoneOption(
            "auth_type",
            "password",
            "How glance4j authenticates itself to Keystone: password is the only plugin; any other stops "
                    + "the start.");
    public static final OptionSpec KS_USERNAME = keystoneOption(
            "username",
            "(none)",
            "The service user glance4j authenticates as (it needs a role that may validate tokens, e.g. admin or "
                    + "service). Required.");
    public static final OptionSpec KS_PASSWORD =
            keystoneOption("password", "(none)", "That user's password. Required.");
    public static final OptionSpec KS_PROJECT_NAME =
            keystoneOption("project_name", "service", "The project the service's own token is scoped to.");
    public static final OptionSpec KS_USER_DOMAIN_NAME =
            keystoneOption("user_domain_name", "Default", "The domain of the service user.");
    public static final OptionSpec KS_PROJECT_DOMAIN_NAME =
            keystoneOption("project_domain_name", "Default", "The domain of project_name.");
    public static final OptionSpec KS_REGION_NAME = new OptionSpec(
            KEYSTONE_AUTHTOKEN,
            "region_name",
            "(none)",
            ACCEPTED_NO_EFFECT,
            "Read but without effect: glance4j talks to the identity endpoint of auth_url "
                    + "directly and looks nothing up in the catalog.");
    public static final OptionSpec KS_TOKEN_CACHE_TIME = keystoneOption(
            "token_cache_time",
            "300",
            "Seconds a validated token is served from glance4j's memory before Keystone is asked "
                    + "again (so a revoked token is refused at most this long after); never past the token's "
                    + "expires_at. -1 or 0: ask Keystone on every request. At most 10000 tokens are kept.");
    public static final OptionSpec KS_SERVICE_TOKEN_ROLES = keystoneOption(
            "service_token_roles",
            "service",
            "Roles one of which a service token (X-Service-Token) "
                    + "must carry; its user, project and roles become service_user_id, service_project_id and "
                    + "service_roles of the policy credentials.");
    public static final OptionSpec KS_SERVICE_TOKEN_ROLES_REQUIRED = keystoneOption(
            "service_token_roles_required",
            "False",
            "True: a service token without one of "
                    + "service_token_roles is refused with 401. False: it is accepted and a warning logged.");
    public static final OptionSpec KS_HTTP_CONNECT_TIMEOUT = keystoneOption(
            "http_connect_timeout",
            "10",
            "Seconds glance4j waits to connect to Keystone, and again for "
                    + "its answer (keystonemiddleware has no default; glance4j uses 10). A Keystone that cannot be "
                    + "reached or does not answer in time makes the request 503, naming the identity service.");
    public static final OptionSpec KS_HTTP_REQUEST_MAX_RETRIES = keystoneOption(
            "http_request_max_retries",
            "3",
            "How many times a call to Keystone that could not connect "
                    + "(or whose connection broke before the answer) is tried again (0 or more). A call that connected but got no answer in time is not retried.");
    public static final OptionSpec KS_MEMCACHE_SERVERS = new OptionSpec(
            KEYSTONE_AUTHTOKEN,
            "memcache_servers",
            "(none)",
            ACCEPTED_NO_EFFECT,
            "Ignored, with one line at start: glance4j keeps validated tokens in its " + "own memory.");
    public static final OptionSpec KS_MEMCACHE_SECURITY_STRATEGY =
            ignoredKeystoneOption("memcache_security_strategy", "(none)", "No memcached");
    public static final OptionSpec KS_MEMCACHE_SECRET_KEY =
            ignoredKeystoneOption("memcache_secret_key", "(none)", "No memcached");
    public static final OptionSpec KS_CAFILE = ignoredKeystoneOption(
            "cafile", "(none)", "Keystone over https is verified with the JVM's trusted certificates");
    public static final OptionSpec KS_INSECURE =
            ignoredKeystoneOption("insecure", "False", "Certificates are always verified");
    public static final OptionSpec KS_DELAY_AUTH_DECISION =
            ignoredKeystoneOption("delay_auth_decision", "False", "A request without a valid token is always refused");
    public static final OptionSpec KS_SERVICE_TYPE = ignoredKeystoneOption(
            "service_type",
            "(none)",
            "Only for access rules of application credentials, which glance4j does not check");
    public static final OptionSpec KS_INTERFACE =
            ignoredKeystoneOption("interface", "(none)", "glance4j uses auth_url as it is");

    /** A {@code [keystone_authtoken]} option glance4j honours; read with keystone authentication only. */
    private static OptionSpec keystoneOption(String name, String defaultValue, String description) {
        return new OptionSpec(KEYSTONE_AUTHTOKEN, name, defaultValue, SUPPORTED, description + KEYSTONE_ONLY);
    }

    /** A {@code [keystone_authtoken]} option glance4j ignores, for {@code reason}. */
    private static OptionSpec ignoredKeystoneOption(String name, String defaultValue, String reason) {
        return new OptionSpec(KEYSTONE_AUTHTOKEN, name, defaultValue, NOT_SUPPORTED_YET, reason + "; ignored.");
    }

    private static final String LIMITS_ONLY = " Read with use_keystone_limits = True only.";

    /** An {@code [oslo_limit]} option glance4j honours; read with {@code use_keystone_limits = True} only. */
    private static OptionSpec limitsOption(String name, String defaultValue, String description) {
        return new OptionSpec(OSLO_LIMIT, name, defaultValue, SUPPORTED, description + LIMITS_ONLY);
    }

    public static final OptionSpec USE_KEYSTONE_LIMITS = new OptionSpec(
            DEFAULT,
            "use_keystone_limits",
            "False",
            SUPPORTED,
            "True: Glance's unified limits (image_size_total, image_stage_total, image_count_total, "
                    + "image_count_uploading) are read from Keystone with the [oslo_limit] options and enforced on "
                    + "create, upload, stage and import; GET /v2/info/usage reports them. A resource without a "
                    + "registered or project limit is limited to 0, -1 is unlimited.");
    public static final OptionSpec OL_ENDPOINT_ID = limitsOption(
            "endpoint_id",
            "(none)",
            "The id of glance4j's image endpoint in Keystone's catalog; the limits are those registered for its "
                    + "service and region. An id Keystone does not know stops the start.");
    public static final OptionSpec OL_ENDPOINT_SERVICE_TYPE = limitsOption(
            "endpoint_service_type",
            "(none)",
            "Without endpoint_id: the endpoint is looked up by this service type (image).");
    public static final OptionSpec OL_ENDPOINT_SERVICE_NAME = limitsOption(
            "endpoint_service_name", "(none)", "Without endpoint_id: the endpoint is looked up by this service name.");
    public static final OptionSpec OL_ENDPOINT_REGION_NAME = limitsOption(
            "endpoint_region_name", "(none)", "Without endpoint_id: the region of the endpoint looked up.");
    public static final OptionSpec OL_ENDPOINT_INTERFACE = limitsOption(
            "endpoint_interface",
            "public",
            "Without endpoint_id: the interface of the endpoint looked up (public, internal, " + "admin).");
    public static final OptionSpec OL_AUTH_TYPE = limitsOption(
            "auth_type", "password", "How glance4j authenticates to read limits: password (or v3password) only.");
    public static final OptionSpec OL_AUTH_URL = limitsOption(
            "auth_url", "(none)", "Keystone's identity endpoint (http://keystone:5000 or .../v3). Required.");
    public static final OptionSpec OL_USERNAME = limitsOption(
            "username",
            "(none)",
            "The user that reads the limits; it needs the reader role on the system (with system_scope = all) to "
                    + "see every project's limits. Required unless user_id is set.");
    public static final OptionSpec OL_USER_ID =
            limitsOption("user_id", "(none)", "That user by id, instead of username.");
    public static final OptionSpec OL_PASSWORD = limitsOption("password", "(none)", "That user's password. Required.");
    public static final OptionSpec OL_USER_DOMAIN_NAME =
            limitsOption("user_domain_name", "Default", "The domain of username.");
    public static final OptionSpec OL_USER_DOMAIN_ID =
            limitsOption("user_domain_id", "(none)", "The domain of username by id (wins over user_domain_name).");
    public static final OptionSpec OL_SYSTEM_SCOPE = limitsOption(
            "system_scope",
            "(none)",
            "all: the token is system-scoped (what Glance's documentation recommends). Otherwise it is scoped to "
                    + "project_id or project_name, and Keystone shows that project's limits only.");
    public static final OptionSpec OL_PROJECT_NAME =
            limitsOption("project_name", "(none)", "The project the token is scoped to, without system_scope.");
    public static final OptionSpec OL_PROJECT_ID =
            limitsOption("project_id", "(none)", "That project by id (wins over project_name).");
    public static final OptionSpec OL_PROJECT_DOMAIN_NAME =
            limitsOption("project_domain_name", "Default", "The domain of project_name.");
    public static final OptionSpec OL_PROJECT_DOMAIN_ID = limitsOption(
            "project_domain_id", "(none)", "The domain of project_name by id (wins over project_domain_name).");
    public static final OptionSpec OL_REGION_NAME = new OptionSpec(
            OSLO_LIMIT,
            "region_name",
            "(none)",
            ACCEPTED_NO_EFFECT,
            "Read but without effect: glance4j talks to auth_url directly; the region of the "
                    + "limits is the endpoint's.");
    public static final OptionSpec OL_TIMEOUT = limitsOption(
            "timeout",
            "10",
            "Seconds glance4j waits to connect to Keystone, and again for its answer (keystoneauth has no default). "
                    + "A Keystone that cannot be reached or answers late makes the checked request 503.");
    public static final OptionSpec OL_CONNECT_RETRIES = limitsOption(
            "connect_retries",
            "3",
            "How many times a call to Keystone that could not connect is tried again (0 or more).");

    /** The options every store reads from its own section with enabled_backends, whatever its type. */
    public static final List<OptionSpec> STORE_OPTIONS = List.of(STORE_DESCRIPTION, WEIGHT, STORE_OUTPUT_FORMAT);

    /** Every option, in the order of the documentation table. */
    public static final List<OptionSpec> ALL = List.of(
            BIND_HOST,
            BIND_PORT,
            WORKERS,
            CLIENT_SOCKET_TIMEOUT,
            REQUEST_HEADER_TIMEOUT,
            MAX_CLIENT_CONNECTIONS,
            NODE_LEASE_SECONDS,
            PLUGIN_DIRS,
            DISABLE_BY_FILE_PATH,
            METRICS_PORT,
            METRICS_BIND_HOST,
            LOG_FORMAT,
            ACCESS_LOG,
            LIMIT_PARAM_DEFAULT,
            API_LIMIT_MAX,
            MAX_LIST_FILTERS,
            IMAGE_PROPERTY_QUOTA,
            IMAGE_TAG_QUOTA,
            IMAGE_MEMBER_QUOTA,
            PROPERTY_PROTECTION_FILE,
            PROPERTY_PROTECTION_RULE_FORMAT,
            IMAGE_SIZE_CAP,
            HASHING_ALGORITHM,
            DISK_FORMATS,
            CONTAINER_FORMATS,
            REQUIRE_IMAGE_FORMAT_MATCH,
            VMDK_ALLOWED_TYPES,
            GPT_SAFETY_CHECKS_NONFATAL,
            CONNECTION,
            MAX_POOL_SIZE,
            STATEMENT_TIMEOUT,
            FLAVOR,
            PASTE_CONFIG_FILE,
            POLICY_FILE,
            ENFORCE_NEW_DEFAULTS,
            ENFORCE_SCOPE,
            ENABLED_BACKENDS,
            DEFAULT_BACKEND,
            DEFAULT_STORE,
            STORES,
            STORE_DESCRIPTION,
            WEIGHT,
            STORE_OUTPUT_FORMAT,
            SHOW_IMAGE_DIRECT_URL,
            SHOW_MULTIPLE_LOCATIONS,
            IMAGE_LOCATION_QUOTA,
            USER_STORAGE_QUOTA,
            ENABLED_IMPORT_METHODS,
            NODE_STAGING_URI,
            IMAGE_CACHE_DIR,
            IMAGE_CACHE_MAX_SIZE,
            IMAGE_CACHE_STALL_TIME,
            IMAGE_CACHE_DRIVER,
            IMAGE_CACHE_SQLITE_DB,
            CACHE_PREFETCHER_INTERVAL,
            IMAGE_VERIFY_INTERVAL,
            IMAGE_VERIFY_RATE_MIB,
            TUS_UPLOAD_EXPIRY,
            PUBLIC_ENDPOINT,
            STAGING_STORE_DATADIR,
            IMAGE_IMPORT_PLUGINS,
            OUTPUT_FORMAT,
            INJECT,
            IGNORE_USER_ROLES,
            ALLOWED_SCHEMES,
            DISALLOWED_SCHEMES,
            ALLOWED_HOSTS,
            DISALLOWED_HOSTS,
            ALLOWED_PORTS,
            DISALLOWED_PORTS,
            TASK_POOL_THREADS,
            TASK_TIME_TO_LIVE,
            KS_WWW_AUTHENTICATE_URI,
            KS_AUTH_URL,
            KS_AUTH_TYPE,
            KS_USERNAME,
            KS_PASSWORD,
            KS_PROJECT_NAME,
            KS_USER_DOMAIN_NAME,
            KS_PROJECT_DOMAIN_NAME,
            KS_REGION_NAME,
            KS_TOKEN_CACHE_TIME,
            KS_SERVICE_TOKEN_ROLES,
            KS_SERVICE_TOKEN_ROLES_REQUIRED,
            KS_HTTP_CONNECT_TIMEOUT,
            KS_HTTP_REQUEST_MAX_RETRIES,
            KS_MEMCACHE_SERVERS,
            KS_MEMCACHE_SECURITY_STRATEGY,
            KS_MEMCACHE_SECRET_KEY,
            KS_CAFILE,
            KS_INSECURE,
            KS_DELAY_AUTH_DECISION,
            KS_SERVICE_TYPE,
            KS_INTERFACE,
            USE_KEYSTONE_LIMITS,
            OL_ENDPOINT_ID,
            OL_ENDPOINT_SERVICE_TYPE,
            OL_ENDPOINT_SERVICE_NAME,
            OL_ENDPOINT_REGION_NAME,
            OL_ENDPOINT_INTERFACE,
            OL_AUTH_TYPE,
            OL_AUTH_URL,
            OL_USERNAME,
            OL_USER_ID,
            OL_PASSWORD,
            OL_USER_DOMAIN_NAME,
            OL_USER_DOMAIN_ID,
            OL_SYSTEM_SCOPE,
            OL_PROJECT_NAME,
            OL_PROJECT_ID,
            OL_PROJECT_DOMAIN_NAME,
            OL_PROJECT_DOMAIN_ID,
            OL_REGION_NAME,
            OL_TIMEOUT,
            OL_CONNECT_RETRIES);

    private GlanceOptions() {}

    /** The option with this section and name, if glance4j knows it. */
    public static Optional<OptionSpec> find(String section, String name) {
        String normalised = IniFile.normaliseSection(section);
        return ALL.stream()
                .filter(o -> o.section().equals(normalised) && o.name().equals(name))
                .findFirst();
    }

    /**
     * The Markdown table of every option, as {@code docs/configuration.md} shows it between its
     * {@code options:begin} and {@code options:end} markers (a test keeps the two equal).
     */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder()
                .append("| Section | Option | Default | Supported | Meaning in glance4j |\n")
                .append("|---|---|---|---|---|\n");
        for (OptionSpec option : ALL) {
            table.append("| `[")
                    .append(option.section())
                    .append("]` | `")
                    .append(option.name())
                    .append("` | `")
                    .append(option.defaultText())
                    .append("` | ")
                    .append(
                            switch (option.support()) {
                                case SUPPORTED -> "yes";
                                case ACCEPTED_NO_EFFECT -> "accepted, no effect";
                                case NOT_SUPPORTED_YET -> "not yet";
                            })
                    .append(" | ")
                    .append(option.description().replace("|", "\\|"))
                    .append(" |\n");
        }
        return table.toString();
    }

    /** The options glance4j reads (supported or accepted without effect). */
    public static List<OptionSpec> read() {
        return ALL.stream().filter(o -> o.support() != NOT_SUPPORTED_YET).toList();
    }
}
