package dev.metakube.llm.openai;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.metakube.api.Category;
import dev.metakube.spi.TextCompletion;
import java.util.Arrays;
import java.util.List;

/** The JSON schemas asked of the server: the diagnosis object of the shared prompt, and integer objects. */
final class DiagnosisFormat {
    /** The diagnosis, with the fields and names the shared prompt describes and the parser reads. */
    static final ResponseFormat DIAGNOSIS = diagnosis();

    private DiagnosisFormat() {
    }

    private static ResponseFormat diagnosis() {
        List<String> categories = Arrays.stream(Category.values()).map(Category::label).toList();
        JsonArraySchema strings = JsonArraySchema.builder().items(new JsonStringSchema()).build();
        JsonObjectSchema step = JsonObjectSchema.builder().addStringProperty("action").addStringProperty("command")
                .required("action", "command").additionalProperties(false).build();
        JsonObjectSchema hypothesis = JsonObjectSchema.builder().addEnumProperty("category", categories)
                .addStringProperty("root_cause").addNumberProperty("score")
                .required("category", "root_cause", "score").additionalProperties(false).build();
        JsonObjectSchema root = JsonObjectSchema.builder()
                .addEnumProperty("category", categories)
                .addStringProperty("root_cause", "one sentence naming the objects involved")
                .addProperty("causal_chain", strings)
                .addProperty("remediation", JsonArraySchema.builder().items(step).build())
                .addProperty("prevention", strings)
                .addProperty("hypotheses", JsonArraySchema.builder().items(hypothesis).build())
                .addNumberProperty("confidence")
                .required("category", "root_cause", "causal_chain", "remediation", "prevention", "hypotheses",
                        "confidence")
                .additionalProperties(false).build();
        return format("diagnosis", root);
    }

    /** One object of exactly the format's integer fields (the range is checked on the answer). */
    static ResponseFormat integers(TextCompletion.IntegerObject f) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder();
        for (String field : f.fields()) {
            b.addProperty(field, JsonIntegerSchema.builder()
                    .description("an integer from " + f.min() + " to " + f.max()).build());
        }
        return format("scores", b.required(f.fields()).additionalProperties(false).build());
    }

    private static ResponseFormat format(String name, JsonObjectSchema root) {
        return ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name(name).rootElement(root).build()).build();
    }
}
