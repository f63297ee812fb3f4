package dev.metakube.cli;

import dev.metakube.llm.lora.LoraMerger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metakube merge-lora}: writes a Qwen3 checkpoint with a PEFT LoRA adapter merged in
 * ({@code W' = W + s·B A}, computed in f32, rounded once to the base dtype), so the model loads without the adapter.
 * Unsupported adapters (DoRA, biases, modules_to_save, LoRA on embeddings or lm_head) are refused by name.
 */
@Command(name = "merge-lora", mixinStandardHelpOptions = true, description = "Merge a PEFT LoRA adapter into a Qwen3 checkpoint and write the result.")
final class MergeLoraCommand implements Callable<Integer> {
    @Option(names = "--base", required = true, paramLabel = "DIR", description = "the base checkpoint directory")
    Path base;

    @Option(names = "--adapter", required = true, paramLabel = "DIR",
            description = "the adapter directory (adapter_config.json, adapter_model.safetensors)")
    Path adapter;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the merged checkpoint")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        int merged = LoraMerger.merge(base, adapter, out);
        PrintWriter w = spec.commandLine().getOut();
        w.println("merged " + merged + " LoRA modules into " + out);
        w.flush();
        return 0;
    }
}
