package io.signalbox.attributes.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SketchTest {

    @ParameterizedTest
    @CsvSource({
        "'', ef46db3751d8e999",
        "a, d24ec4f1a98c6e5b",
        "abc, 44bc2cf5ad770999",
        "ABC, e66ae7354fcfee98",
        "xxhash, 32dd38952c4bc720",
        "Hello world, c500b0c912b376d8",
        "abcdefghijklmnopqrstuvwxyz12345, 467605901b01d6f6",
    })
    void shouldHashLikeTheReferenceXxHash64(String text, String hex) {
        assertThat(Long.toHexString(XxHash64.hash(text))).isEqualTo(hex);
    }

    @Test
    void shouldCountExactlyWhileSparse() {
        HyperLogLog sketch = new HyperLogLog();
        for (int i = 0; i < HyperLogLog.SPARSE_LIMIT; i++) {
            sketch.add(0, 0, "v" + i);
            sketch.add(0, 0, "v" + i);
        }

        assertThat(sketch.estimate()).isEqualTo(HyperLogLog.SPARSE_LIMIT);
    }

    @Test
    void shouldEstimateWithinThreeStandardErrorsAcrossTheRange() {
        double standardError = 1.04 / Math.sqrt(HyperLogLog.REGISTERS);
        for (int cardinality : new int[] {3_000, 10_000, 40_000, 100_000, 1_000_000}) {
            HyperLogLog sketch = new HyperLogLog();
            for (int i = 0; i < cardinality; i++) {
                sketch.add(0, 0, "value-" + cardinality + "-" + i);
            }

            assertThat((double) sketch.estimate())
                    .as("cardinality %d", cardinality)
                    .isCloseTo(cardinality, within(3 * standardError * cardinality));
        }
    }

    @Test
    void shouldMergeSparseAndDenseSketchesAsAUnion() {
        HyperLogLog left = new HyperLogLog();
        HyperLogLog right = new HyperLogLog();
        HyperLogLog small = new HyperLogLog();
        for (int i = 0; i < 30_000; i++) {
            left.add(0, 0, "x" + i);
            right.add(0, 0, "x" + (i + 15_000));
        }
        for (int i = 0; i < 10; i++) {
            small.add(0, 0, "y" + i);
        }
        left.merge(right);
        left.merge(small);

        assertThat((double) left.estimate()).isCloseTo(45_010, within(45_010 * 0.03));
    }
}
