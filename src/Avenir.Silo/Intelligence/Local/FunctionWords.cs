namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// Short, frequent words (folded: lower case, no accents) that are typical of one language and rare in
/// English and French leads. They are the positive evidence a Latin-script language needs before a lead
/// is declared to be in it: statistical detectors give keyboard mashing, link-farm word salad or a
/// one-word message to some language or other with a high score, but such text has none of these words.
/// Words shared with English or French ("de", "la", "in", "no", "me", "we") are left out on purpose.
/// </summary>
internal static class FunctionWords
{
    private static readonly Dictionary<string, HashSet<string>> ByLanguage = new(StringComparer.Ordinal)
    {
        ["es"] = Set(
            "hola gracias quisiera quiero necesito necesitamos para por favor una unos unas los las del el con mi mis sus muy pero como cuanto " +
            "cuesta puedo pueden podria tengo tiene tenemos estoy esta estamos buenos buenas dias tardes usted ustedes nosotros porque tambien " +
            "seria hacer saber donde cuando nuestro nuestra casa precio cita semana proxima manana hoy ayuda saludos"),
        ["pt"] = Set(
            "ola obrigado obrigada gostaria gostariamos preciso precisamos para por favor uma uns umas os meu minha nosso nossa voce voces nao " +
            "bom boa dia tarde quanto custa posso podem poderia tenho tem temos estou esta estamos muito semana proxima amanha hoje ajuda fazer " +
            "saber seria onde quando casa preco consulta dos das ao pelo pela"),
        ["it"] = Set(
            "ciao buongiorno buonasera salve grazie vorrei vorremmo sono siamo per una gli della dello delle degli del che mi sarebbe possibile " +
            "quanto costa posso potete potrei ho abbiamo avete mio mia nostro nostra settimana prossima domani oggi aiuto fare sapere preventivo " +
            "anche piu cosa quando dove casa prezzo appuntamento cordiali saluti"),
        ["de"] = Set(
            "hallo guten morgen danke bitte ich wir sie und der das ist ein eine einen einem mit nicht haben habe hatte hatten gerne moglich wie " +
            "viel kostet konnen konnten unser unsere mein meine woche nachste heute hilfe machen wissen angebot sehr auch aber oder zu von auf " +
            "bei mir uns ihnen freundlichen grussen termin"),
        ["nl"] = Set(
            "hallo goedemorgen goedendag goedemiddag dank bedankt alstublieft graag ik wij jullie het een voor met niet hebben heb zijn wat " +
            "hoeveel kost kunnen kunt onze mijn volgende vandaag hulp maken weten zeer ook maar op bij mij wil willen zou afspraak groeten"),
        ["pl"] = Set(
            "dzien dobry dziekuje prosze chcialbym chcialabym chcielibysmy jestem jestesmy nie tak sie jak kosztuje czy moge mozna mamy moj moja " +
            "nasz nasza tydzien przyszly dzisiaj jutro pomoc zrobic wycena bardzo tez ale lub od dla mnie nam pani panstwo pozdrawiam"),
        ["ro"] = Set(
            "buna ziua multumesc rog dori vreau sunt suntem cu pentru este avem costa puteti meu mea nostru noastra saptamana viitoare azi astazi " +
            "ajutor oferta foarte dar sau pe imi programare"),
        ["tr"] = Set(
            "merhaba tesekkurler tesekkur ederim lutfen istiyorum biz bir ve bu icin ile nasil kadar fiyat var yok musait randevu hafta yarin " +
            "bugun yardim cok ama veya saygilarimla"),
        ["vi"] = Set("xin chao cam muon dat lich hen vao cua khong duoc nhung rat ngay tuan bao nhieu"),
        ["tl"] = Set(
            "po opo salamat kumusta magandang umaga hapon gabi ako kami tayo ikaw kayo siya ang ng mga ay ko mo namin natin gusto pwede puwede " +
            "magkano lang din rin ba naman hindi oo yung nyo ninyo"),
    };

    /// <summary>Typical English and French words: the counter-evidence.</summary>
    private static readonly HashSet<string> EnglishOrFrench = Set(
        "the and you your for with are my our this that have can would could please thanks thank hi hello it of be will just about what how " +
        "le les je vous votre vos nous notre pour est et des une avec mon pas qui bonjour merci au aux du ce cette sur dans mais ai");

    /// <summary>True when function words are known for <paramref name="isoCode"/> (the Latin-script languages detected besides English and French).</summary>
    public static bool Knows(string isoCode) => ByLanguage.ContainsKey(isoCode);

    /// <summary>How many of <paramref name="foldedWords"/> are function words of <paramref name="isoCode"/>.</summary>
    public static int Hits(string isoCode, IReadOnlyList<string> foldedWords) =>
        ByLanguage.TryGetValue(isoCode, out var words) ? foldedWords.Count(words.Contains) : 0;

    /// <summary>How many of <paramref name="foldedWords"/> are typical English or French words.</summary>
    public static int EnglishOrFrenchHits(IReadOnlyList<string> foldedWords) => foldedWords.Count(EnglishOrFrench.Contains);

    private static HashSet<string> Set(string words) => new(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
