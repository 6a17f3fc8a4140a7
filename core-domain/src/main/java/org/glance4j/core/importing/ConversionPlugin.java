package org.glance4j.core.importing;

/**
 * {@code image_conversion}: converts the staged data to the import's output format ({@link ImportWork#outputFormat}:
 * the target stores' {@code image_conversion_output_format}, else {@code [image_conversion] output_format}) with
 * the disk image tool ({@code qemu-img}), as Glance does, through {@link StagedConversion}. Afterwards the image's
 * disk format is the output format, its container format {@code bare}, and its virtual size the one the tool
 * reports. An ISO declared iso is left alone.
 */
final class ConversionPlugin implements ImportPlugin {

    private final StagedConversion conversion;

    ConversionPlugin(StagedConversion conversion) {
        this.conversion = conversion;
    }

    @Override
    public String name() {
        return "image_conversion";
    }

    @Override
    public void apply(ImportWork work) throws InterruptedException {
        String source = work.diskFormat;
        if ("iso".equals(source)) {
            return;
        }
        convert(conversion, work, work.outputFormat);
    }

    /** Converts the work's staged data to {@code target} and records what changed in the work. */
    static void convert(StagedConversion conversion, ImportWork work, String target) throws InterruptedException {
        String source = work.diskFormat;
        Long virtualSize = conversion.convert(work.imageId, source, target, Long.MAX_VALUE);
        if (virtualSize != null) {
            work.virtualSize = virtualSize;
        }
        if (!source.equals(target)) {
            work.diskFormat = target;
            work.containerFormat = "bare";
        }
    }
}
