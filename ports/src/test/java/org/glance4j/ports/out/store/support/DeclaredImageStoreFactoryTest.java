package org.glance4j.ports.out.store.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.glance4j.ports.out.store.ImageStore;
import org.glance4j.ports.out.store.ImageStoreFactory;
import org.glance4j.ports.out.store.StoreOption;
import org.glance4j.ports.out.store.StoreOptions;
import org.junit.jupiter.api.Test;

class DeclaredImageStoreFactoryTest {
    static final StoreOptions OPTIONS = StoreOptions.of(StoreOption.required("example_path", "Where."));

    /** A factory of a store type that only states its facts. */
    static final class ExampleFactory extends DeclaredImageStoreFactory {
        ExampleFactory() {
            super("example", OPTIONS, "Images in an example backend.");
        }

        @Override
        public ImageStore create(String storeId, Map<String, String> options) {
            throw new UnsupportedOperationException("not needed here");
        }
    }

    @Test
    void theFactoryAnswersWithWhatItsConstructorStated() {
        ImageStoreFactory factory = new ExampleFactory();
        assertThat(factory.type()).isEqualTo("example");
        assertThat(factory.options()).isSameAs(OPTIONS);
        assertThat(factory.summary()).isEqualTo("Images in an example backend.");
        assertThat(factory.detailProperties("one", Map.of())).isEmpty();
    }

    @Test
    void aMissingFactIsRefused() {
        assertThatThrownBy(() -> new DeclaredImageStoreFactory(null, OPTIONS, "s") {
                    @Override
                    public ImageStore create(String storeId, Map<String, String> options) {
                        return null;
                    }
                })
                .isInstanceOf(NullPointerException.class)
                .hasMessage("type");
        assertThatThrownBy(() -> new DeclaredImageStoreFactory("t", OPTIONS, null) {
                    @Override
                    public ImageStore create(String storeId, Map<String, String> options) {
                        return null;
                    }
                })
                .isInstanceOf(NullPointerException.class)
                .hasMessage("summary");
    }
}
