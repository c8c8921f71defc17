using Interdict.Core.Matching;
using Interdict.Core.Text;

namespace Interdict.Server.Hosting;

/// <summary>
/// Where requests with much work go (a large batch, long names, names in Arabic script, which meet many candidates):
/// one at a time, on threads of their own (one per core), never on the pool's threads that answer <c>/health</c> and
/// parse requests; single screens keep their own threads, which the system shares the cores with. Up to <c>Limits:MaxQueuedHeavy</c> wait their
/// turn; more are turned away (503 with Retry-After) instead of piling up.
/// </summary>
/// <remarks>
/// Before it (issue #19), a batch of 1,000 long Arabic-script names took every pool thread for 38 s of CPU, while
/// <c>/health</c> answered in up to 12 s and a single screen in 6.7 s.
/// </remarks>
internal sealed class HeavyLane : IDisposable
{
    private readonly ScreeningWorkers _workers;
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly int _maxWaiting;
    private int _inLane;

    public HeavyLane(int threads, int maxWaiting)
    {
        _workers = new ScreeningWorkers(threads, "interdict-heavy");
        _maxWaiting = maxWaiting;
    }

    /// <summary>
    /// Runs <paramref name="screenOne"/> for 0 … <paramref name="count"/> − 1 on the lane's threads once the requests
    /// ahead have run; false (nothing run) when too many are already waiting.
    /// </summary>
    public async Task<bool> TryRun(int count, Action<int> screenOne, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _inLane) > _maxWaiting + 1)
        {
            Interlocked.Decrement(ref _inLane);
            return false;
        }

        try
        {
            await _one.WaitAsync(cancellationToken);
            try
            {
                await _workers.RunEach(count, _workers.Count, screenOne);
                return true;
            }
            finally
            {
                _one.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inLane);
        }
    }

    /// <summary>
    /// The work a name asks for, in units of one Latin word: its words, eight times over for a name in Arabic or Hebrew
    /// script (written without short vowels, it is compared by consonant keys and meets many more candidates; measured:
    /// 8-word Arabic-script names take about 24 ms each against 3 ms for long Latin names).
    /// </summary>
    public static int WorkOf(string name)
    {
        var cleaned = NameSanitizer.Clean(name);
        var words = QueryPolicy.WordsOf(cleaned);
        return NameSanitizer.IsMostlyArabicOrHebrewScript(cleaned) ? words * 8 : words;
    }

    public void Dispose()
    {
        _workers.Dispose();
        _one.Dispose();
    }
}
