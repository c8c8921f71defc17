using BenchmarkDotNet.Running;
using Interdict.Benchmarks;

// "throughput" runs the whole-run harness, "phases" times a screen's parts, "near-costs" and "near-loop" time near hits; anything else goes to BenchmarkDotNet's switcher.
if (args.Length > 0 && args[0] == "throughput")
{
    return Throughput.Run(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "script-phases")
{
    return ScriptPhases.Run(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "screen-time")
{
    return ScreenTime.Run(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "payments")
{
    return PaymentBench.Screen(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "payment-text")
{
    return PaymentBench.Text(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "payment-queue")
{
    return await PaymentBench.Queue(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "monitor-delta")
{
    return MonitorDelta.Run(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "global")
{
    return GlobalMix.Run(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "load-mixed")
{
    return await MixedLoad.Run(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "load")
{
    return await Load.Run(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "dice")
{
    return DiceProbe.Run(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "recall")
{
    return RecallProbe.Run(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "near-costs")
{
    return NearHitProbe.Costs(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "near-loop")
{
    return NearHitProbe.Loop(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "translit")
{
    return TransliterationProbe.Run(args.Skip(1).ToArray());
}

if (args.Length > 0 && args[0] == "phases")
{
    return Phases.Run(args.Skip(1).ToArray());
}

BenchmarkSwitcher.FromAssembly(typeof(NormalizationBenchmarks).Assembly).Run(args);
return 0;
