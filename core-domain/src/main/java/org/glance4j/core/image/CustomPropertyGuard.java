package org.glance4j.core.image;

/**
 * Asked before a patch creates, updates or deletes a custom property; throws to refuse. Property protections
 * implement it; {@link #OPEN} allows everything.
 */
interface CustomPropertyGuard {

    CustomPropertyGuard OPEN = new CustomPropertyGuard() {
        @Override
        public void beforeCreate(String name) {}

        @Override
        public void beforeUpdate(String name) {}

        @Override
        public void beforeDelete(String name) {}
    };

    void beforeCreate(String name);

    void beforeUpdate(String name);

    void beforeDelete(String name);
}
