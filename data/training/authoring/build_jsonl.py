"""Turns the pipe-delimited authored files into JSONL in the leads-dev format (deterministic)."""
import json, random, re, sys, unicodedata, pathlib
rng = random.Random(20260301)
EN_FIRST = "Liam Olivia Noah Emma Ethan Ava Lucas Mia Owen Chloe Jack Sophie Ryan Hannah Nathan Grace Dylan Zoe Caleb Leah Aiden Nora Priya Arjun Wei Mei Omar Aisha Daniel Fatima Carlos Sofia Kevin Rachel Tyler Megan Brandon Jasmine Marcus Kelly Derek Paige Colin Tara Gavin Erin".split()
EN_LAST = "Smith Brown Wilson MacDonald Taylor Campbell Anderson Martin Thompson White Clarke Patel Singh Nguyen Chen Wong Kim Ali Khan Murphy Kelly Walsh Fraser Stewart Ross Morrison Hughes Bennett Foster Reid Graham Lawson Hart Price Mitchell Hayes Dixon".split()
FR_FIRST = "Mathieu Julie Alexandre Catherine Maxime Isabelle Olivier Geneviève Félix Mélanie Samuel Audrey Gabriel Émilie Louis Marie-Ève Jérôme Valérie Simon Karine Philippe Annie Étienne Sophie Patrick Nathalie Jonathan Caroline Vincent Josée Sébastien Marie-Pier Guillaume Amélie Benoît Chantal Raphaël Stéphanie Hugo Véronique".split()
FR_LAST = "Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet Pelletier Bélanger Lévesque Bergeron Leblanc Paquette Girard Simard Boucher Caron Beaulieu Cloutier Dubé Poirier Fournier Lapointe Leclerc Lefebvre Poulin Thibault St-Pierre Nadeau Martel Gilbert Hébert Desjardins Savard Dufour Vachon".split()
TONES = {"Pro":"Professional","Fri":"Friendly","For":"Formal","Cas":"Casual","Fru":"Frustrated","Ent":"Enthusiastic"}
URG = {"H":"High","M":"Medium","L":"Low"}
AREA = {"en":["416","613","902","604","403","905","519","204"],"fr":["514","418","450","819","438","581"]}
def ascii_slug(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii","ignore").decode().lower()
    return re.sub(r"[^a-z]+", "", s)
def person(lang):
    first = rng.choice(FR_FIRST if lang=="fr" else EN_FIRST); last = rng.choice(FR_LAST if lang=="fr" else EN_LAST)
    return first, last
out = []
prefix = sys.argv[1] if len(sys.argv) > 1 else "auth"
files = sys.argv[2:] if len(sys.argv) > 2 else sorted(str(p) for p in pathlib.Path(".").glob("*.txt"))
for path in files:
    intent = pathlib.Path(path).stem.split(".")[0]
    for n, line in enumerate(open(path, encoding="utf-8")):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"): continue
        parts = line.split("|", 5)
        assert len(parts) == 6, (path, n, line)
        lang, u, t, industry, sender, msg = parts
        assert lang in ("en","fr") and u in URG and t in TONES, (path, n, line)
        msg = msg.replace("\\n", "\n")
        company = None
        if sender == "-":
            f, l = person(lang); name = f"{f} {l}"
            email = f"{ascii_slug(f)}.{ascii_slug(l)}@example.{rng.choice(['com','ca','org','com'])}"
        elif sender.startswith("~"):
            _, name, email = sender.split("~")
        else:
            comp, domain = sender.rsplit("@", 1)
            f, l = person(lang); name = f"{f} {l}"
            email = rng.choice([f"{ascii_slug(f)}@{domain}", f"{ascii_slug(f)[0]}{ascii_slug(l)}@{domain}"])
            company = None if intent == "spam" else comp
            if intent == "spam": name = comp
        phone = f"{rng.choice(AREA[lang])}-555-01{rng.randint(0,99):02d}" if rng.random() < 0.25 and intent != "spam" else None
        out.append({"id": f"{prefix}-{intent[:4]}-{len(out)+1:04d}", "name": name, "email": email, "company": company, "phone": phone,
                    "message": msg, "language": lang, "intent": intent, "urgency": URG[u], "tone": TONES[t], "industry_of_recipient": industry})
for r in out: print(json.dumps(r, ensure_ascii=False))
