package org.glance4j.core.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Glance master's default image policies (secure RBAC, new defaults): the base rules and every rule of the image
 * API, as check strings. Roles are not implied here: a token with {@code member} but without {@code reader}
 * cannot read, exactly as in Glance; Keystone is what normally adds the implied roles.
 */
public final class DefaultPolicies {

    static final String PROJECT_MEMBER = "role:member and project_id:%(project_id)s";
    static final String PROJECT_READER = "role:reader and project_id:%(project_id)s";
    static final String IMAGE_MEMBER = "project_id:%(member_id)s";
    static final String COMMUNITY = "'community':%(visibility)s";
    static final String PUBLIC = "'public':%(visibility)s";
    static final String SHARED = "'shared':%(visibility)s";
    static final String ADMIN = "rule:context_is_admin";
    static final String SERVICE = "rule:service_api";

    static final String VISIBLE_TO_PROJECT = "(project_id:%(project_id)s or " + IMAGE_MEMBER + " or " + COMMUNITY
            + " or " + PUBLIC + " or " + SHARED + ")";
    static final String ADMIN_OR_PROJECT_MEMBER = ADMIN + " or (" + PROJECT_MEMBER + ")";
    static final String ADMIN_OR_PROJECT_READER = ADMIN + " or (" + PROJECT_READER + ")";
    static final String ADMIN_OR_READER_OF_VISIBLE = ADMIN + " or (role:reader and " + VISIBLE_TO_PROJECT + ")";
    static final String ADMIN_OR_MEMBER_OF_VISIBLE = ADMIN + " or (role:member and " + VISIBLE_TO_PROJECT + ")";
    static final String ADMIN_OR_MEMBER_CREATING = ADMIN + " or (" + PROJECT_MEMBER + " and project_id:%(owner)s)";
    static final String ADMIN_OR_SHARED_MEMBER = ADMIN + " or (role:member and " + IMAGE_MEMBER + ")";
    static final String ADMIN_OR_READER_OR_SHARED_MEMBER =
            ADMIN + " or role:reader and (project_id:%(project_id)s or " + IMAGE_MEMBER + ")";
    static final String ADMIN_OR_READER_OF_NAMESPACE =
            ADMIN + " or (role:reader and (project_id:%(project_id)s or " + PUBLIC + "))";
    static final String METADEF_ADMIN = "rule:metadef_admin";
    static final String SERVICE_OR_PROJECT_MEMBER = SERVICE + " or (" + PROJECT_MEMBER + " and project_id:%(owner)s)";

    private DefaultPolicies() {}

    /** Rule name to check string, in a stable order. */
    public static Map<String, String> rules() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("default", "");
        r.put("context_is_admin", "role:admin");
        r.put("service_api", "role:service or role:admin");
        r.put("add_image", ADMIN_OR_MEMBER_CREATING);
        r.put("delete_image", ADMIN_OR_PROJECT_MEMBER);
        r.put("get_image", ADMIN_OR_READER_OF_VISIBLE);
        r.put("get_images", ADMIN_OR_PROJECT_READER);
        r.put("modify_image", ADMIN_OR_PROJECT_MEMBER);
        r.put("publicize_image", ADMIN);
        r.put("communitize_image", ADMIN_OR_PROJECT_MEMBER);
        r.put("download_image", ADMIN_OR_MEMBER_OF_VISIBLE);
        r.put("download_from_store", ADMIN_OR_MEMBER_OF_VISIBLE);
        r.put("upload_image", ADMIN_OR_PROJECT_MEMBER);
        r.put("delete_image_location", ADMIN);
        r.put("get_image_location", ADMIN_OR_PROJECT_READER);
        r.put("set_image_location", ADMIN_OR_PROJECT_MEMBER);
        r.put("add_image_location", SERVICE_OR_PROJECT_MEMBER);
        r.put("fetch_image_location", SERVICE);
        r.put("add_member", ADMIN_OR_PROJECT_MEMBER);
        r.put("delete_member", ADMIN_OR_PROJECT_MEMBER);
        r.put("get_member", ADMIN_OR_READER_OR_SHARED_MEMBER);
        r.put("get_members", ADMIN_OR_READER_OR_SHARED_MEMBER);
        r.put("modify_member", ADMIN_OR_SHARED_MEMBER);
        r.put("manage_image_cache", ADMIN);
        r.put("deactivate", ADMIN_OR_PROJECT_MEMBER);
        r.put("reactivate", ADMIN_OR_PROJECT_MEMBER);
        r.put("copy_image", ADMIN);
        r.put("list_cached_nodes", ADMIN);
        r.put("cache_image", ADMIN);
        r.put("cache_list", ADMIN);
        r.put("cache_delete", ADMIN);
        r.put("cache_clean", ADMIN);
        r.put("cache_prune", ADMIN);
        r.put("verify_images", ADMIN);
        r.put("stores_info_detail", ADMIN + " or " + SERVICE);
        putMetadefRules(r);
        r.put("tasks_api_access", ADMIN);
        r.put("get_task", "rule:default");
        r.put("get_tasks", "rule:default");
        r.put("add_task", "rule:default");
        r.put("modify_task", "rule:default");
        return r;
    }

    /**
     * The metadata definitions rules (glance/policies/metadef.py): reading needs a reader of the owning project or
     * a public namespace; every write is {@code metadef_admin}.
     */
    private static void putMetadefRules(Map<String, String> r) {
        r.put("metadef_default", "");
        r.put("metadef_admin", ADMIN);
        for (String read : new String[] {
            "get_metadef_namespace",
            "get_metadef_object",
            "get_metadef_objects",
            "list_metadef_resource_types",
            "get_metadef_resource_type",
            "get_metadef_property",
            "get_metadef_properties",
            "get_metadef_tag",
            "get_metadef_tags"
        }) {
            r.put(read, ADMIN_OR_READER_OF_NAMESPACE);
        }
        r.put("get_metadef_namespaces", ADMIN_OR_PROJECT_READER);
        for (String write : new String[] {
            "modify_metadef_namespace",
            "add_metadef_namespace",
            "delete_metadef_namespace",
            "modify_metadef_object",
            "add_metadef_object",
            "delete_metadef_object",
            "add_metadef_resource_type_association",
            "remove_metadef_resource_type_association",
            "modify_metadef_property",
            "add_metadef_property",
            "remove_metadef_property",
            "modify_metadef_tag",
            "add_metadef_tag",
            "add_metadef_tags",
            "delete_metadef_tag",
            "delete_metadef_tags"
        }) {
            r.put(write, METADEF_ADMIN);
        }
    }
}
