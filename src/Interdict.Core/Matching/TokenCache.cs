namespace Interdict.Core.Matching;

/// <summary>
/// Similarities of listed words to the words of one query, kept while that query is screened. Not thread-safe: one per
/// query.
/// </summary>
internal sealed class TokenCache
{
    // Rows live in one buffer per thread, found through the listed word's slot (offset + 1; 0 = no row yet), so a query
    // allocates nothing per word.
    [ThreadStatic]
    private static int[]? t_slots;

    [ThreadStatic]
    private static double[]? t_buffer;

    [ThreadStatic]
    private static List<int>? t_touched;

    [ThreadStatic]
    private static Dictionary<(int, int, int, int, int), double>? t_joins;

    private Dictionary<(int, int, int, int, int), double>? _joins;

    private readonly int _queryTokens;
    private readonly int _width;
    private readonly int[] _slots;
    private readonly List<int> _touched;
    private double[] _buffer;
    private int _used;

    /// <summary>
    /// A cache for a query of <paramref name="queryTokens"/> words over a vocabulary of <paramref name="vocabulary"/> listed
    /// words; with <paramref name="keyRows"/>, each word also has a row of similarities compared by consonant key (from
    /// matcher 2.0.0, for a query in Arabic or Hebrew script: no other query compares listed words by key through a cache).
    /// </summary>
    public TokenCache(int queryTokens, int vocabulary, bool keyRows = false)
    {
        _queryTokens = queryTokens;
        _width = keyRows ? 2 * queryTokens : queryTokens;
        HasKeyRows = keyRows;
        _slots = t_slots is { } r && r.Length >= vocabulary ? r : t_slots = new int[vocabulary];
        _buffer = t_buffer ??= new double[4096];
        _touched = t_touched ??= [];
        _touched.Clear();
    }

    /// <summary>
    /// The row of similarities of a listed word (by id) to each query word, each stored plus one; 0 where not computed
    /// yet. With <see cref="HasKeyRows"/> a word has two rows: compared as written, and compared by consonant key
    /// (<paramref name="byKey"/>: a query in Arabic script against a listed name in Latin letters), whose similarities differ.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public Span<double> Row(int tokenId, bool byKey = false)
    {
        // Slots are released after every query, so a slot present now was made for this query.
        if (byKey && !HasKeyRows)
        {
            throw new InvalidOperationException("this cache keeps no rows of words compared by key");
        }

        var slot = _slots[tokenId];
        return (slot != 0 ? _buffer.AsSpan(slot - 1, _width) : NewRow(tokenId)).Slice(byKey ? _queryTokens : 0, _queryTokens);
    }

    /// <summary>Whether listed words also have a row of similarities compared by consonant key.</summary>
    public bool HasKeyRows { get; }

    private Span<double> NewRow(int tokenId)
    {
        var width = _width;
        if (_used + width > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + width));
            t_buffer = _buffer;
        }

        _buffer.AsSpan(_used, width).Clear();
        var slot = _slots[tokenId] = _used + 1;
        _used += width;
        _touched.Add(tokenId);
        return _buffer.AsSpan(slot - 1, width);
    }

    /// <summary>
    /// Similarities of joined words compared by consonant key (the score bound's), by the listed words' ids and the query
    /// words' positions: (0, query word, span, listed word, 0) or (1, listed words..., query word).
    /// </summary>
    public Dictionary<(int, int, int, int, int), double> Joins => _joins ??= t_joins ??= [];

    /// <summary>Forgets the rows, so the next query on this thread starts clean.</summary>
    public void Release()
    {
        _joins?.Clear();
        foreach (var id in _touched)
        {
            _slots[id] = 0;
        }

        _touched.Clear();
        _used = 0;
    }
}
