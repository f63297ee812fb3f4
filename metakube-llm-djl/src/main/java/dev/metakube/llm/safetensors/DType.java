package dev.metakube.llm.safetensors;

import dev.metakube.api.InvalidInputException;

/** The tensor element types this reader converts: bf16, f16 and f32 (the types Hugging Face checkpoints use). */
public enum DType {
    BF16(2), F16(2), F32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Parses a safetensors dtype name; other types are refused by name. */
    public static DType parse(String name, String tensor) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new InvalidInputException("safetensors", "tensor '" + tensor + "' has dtype " + name
                + "; only BF16, F16 and F32 are supported");
    }
}
