"""The pilots and rollouts of Sotenäs kommun, in the block format of tracker/demo/pilots.py."""

SOTENAS_PILOTS = """
Matsvinn i skolköket
H: Om eleverna varje dag ser hur mycket mat som slängs, och menyn justeras efter vägningen,
H: minskar tallrikssvinnet med minst en fjärdedel.
K: Tallrikssvinn per portion | högst 30 gram (i dag 40 gram)
K: Elever som tycker att maten är god | minst 70 procent i matenkäten
K: Kostnad för livsmedel per portion | oförändrad eller lägre

Sensorer för tömning av papperskorgar
HP: Med fyllnadssensorer i alla papperskorgar i Kungshamn och Smögen kan vi halvera antalet
HP: tömningsturer utan att någon korg blir överfull.
H: Med radarsensorer i de 40 största papperskorgarna längs hamnen kan vi under högsäsongen
H: tömma efter behov och köra minst en tredjedel färre turer.
K: Tömningsturer per vecka | minst 30 procent färre än samma period i fjol
P: partly_met | 18 procent färre turer under januari–mars.
K: Anmälningar om överfulla papperskorgar | högst 5 per månad
P: not_met | 14 anmälningar i februari; de små korgarna i gränderna visade fel fyllnadsgrad.
K: Sensorer som rapporterar varje dygn | minst 95 procent
P: not_met | 71 procent i snitt; batterierna tålde inte kylan.
LP: Tekniken fungerar i stora korgar med fritt läge men inte i de små korgarna i gränderna.
LP: Vintern är fel säsong att mäta nyttan på, eftersom korgarna ändå fylls långsamt.
Ä: Ny pilot under sommaren med radarsensorer i de 40 största korgarna längs hamnen; de små
Ä: korgarna töms enligt schema som förut.

Läkemedelsrobotar för hemmaboende | | overdue
H: Om brukare som klarar att ta sina läkemedel själva får en läkemedelsrobot, kan minst hälften
H: av de besök som bara gäller läkemedel tas bort, utan fler avvikelser.
K: Besök som bara gäller läkemedel | minst 50 procent färre hos pilotens brukare
K: Avvikelser i läkemedelshanteringen | inte fler än under samma period i fjol
K: Brukare som vill behålla roboten | minst 8 av 10
X: Apoteket levererade robotarna sex veckor för sent; piloten förlängs så att den får tre hela
X: månader med robotarna i drift.

Automatiserad fakturahantering
H: En mjukvarurobot kan kontera och matcha de återkommande leverantörsfakturorna mot avtal och
H: beställningar, så att den manuella hanteringen av dem halveras.
K: Återkommande fakturor som konteras utan handpåläggning | minst 60 procent
K: Felkonterade fakturor | högst 2 procent
K: Tid från ankomst till attest | högst 5 arbetsdagar

Sensorer för inomhusklimat i klassrum | | overdue
H: Om ventilationen styrs efter uppmätt koldioxidhalt i stället för efter schema, håller luften
H: i klassrummen god kvalitet hela skoldagen.
K: Lektionstid med koldioxidhalt under 1 000 ppm | minst 90 procent
K: Elever och lärare som tycker att luften är bra | minst 70 procent i enkäten

Videosamtal i familjebehandlingen
H: Om uppföljande samtal får ske via säker video när familjen själv vill det, blir kontakten
H: tätare och restiden kortare, utan att förtroendet mellan familj och behandlare försämras.
K: Uppföljande samtal per familj och månad | minst 3 (i dag 2)
K: Behandlarnas restid | minst 30 procent kortare
K: Familjer som är nöjda med videosamtalen | minst 80 procent

Digital nyckelhantering i hemtjänsten
H: Med digitala lås hos brukarna i Kungshamnsgruppen slipper personalen hämta och lämna
H: nycklar och sparar minst 20 minuter per pass.
K: Tid för nyckelhantering per pass | minst 20 minuter kortare
R: met | Tidsstudien före och efter: 27 minuter kortare per pass i snitt.
K: Borttappade nycklar | inga under piloten
R: met | Inga nycklar kom bort; året innan kom tre nycklar bort.
K: Brukare som känner sig trygga med låset | minst 85 procent
R: partly_met | 81 procent i intervjuerna; några ville ha en extra nyckel till sina anhöriga.
L: Låsen fungerar och sparar tid, men brukarna behöver information i god tid och en rutin för
L: anhörigas nycklar. Kontrollera mobiltäckningen i huset innan låset monteras.
U: Hemtjänsten | gunilla.strom@sotenas.example.org
U: Individ- och familjeomsorgen
A: Ny rutin för nyckelkvittens och anhörigas nycklar
A: Utbilda personalen i att låsa upp och signera besök i mobilen | employee@example.org | late
A: Informera brukare och anhöriga med brev och vid besöken
A: Avveckla nyckelskåpen på hemtjänstkontoren

Cykelpool för personal
H: Om det finns elcyklar att boka vid kommunhuset, görs minst en fjärdedel av de korta
H: tjänsteresorna med cykel i stället för med bil.
K: Tjänsteresor med bil kortare än 5 km | minst 25 procent färre
R: met | Körjournalerna visar 31 procent färre korta bilresor under maj–augusti.
K: Bokningar per cykel och vecka | minst 4
R: partly_met | 5,2 i snitt under sommaren men bara 1,8 i oktober.
L: Cyklarna används flitigt under sommarhalvåret. Det behövs regnkläder, låsbar förvaring och
L: någon som ansvarar för laddning och service; vintertid behövs dubbdäck.
U: Kommunstyrelseförvaltningen | mona.axelsson@sotenas.example.org
U: Samhällsbyggnadsförvaltningen
U: Barn- och utbildningsförvaltningen
A: Upphandla service och vinterdäck för cyklarna | mona.axelsson@sotenas.example.org
A: Bygg låsbara cykelställ med laddning | oskar.lundgren@sotenas.example.org
A: Lägg in cyklarna i bokningssystemet för tjänstefordon
A: Ny resepolicy: cykel först för tjänsteresor under 5 km

Sensorer för fallprevention
H: Rörelsesensorer vid sängen hos boende med hög fallrisk ger personalen tid att komma innan
H: den boende faller, så att fallen nattetid minskar med minst en tredjedel.
K: Fall nattetid på pilotavdelningen | minst 33 procent färre än samma period i fjol
R: met | 7 fall mot 13 under samma fyra månader året innan.
K: Larm där personalen hinner fram innan den boende har rest sig | minst 70 procent
R: partly_met | 64 procent; under helgerna var nattpersonalen bara två.
K: Falsklarm per natt | högst 2
R: met | 1,4 i snitt sedan känsligheten ställdes in för varje boende den andra veckan.
L: Sensorerna minskar fallen, men larmen måste gå direkt till personalens telefoner och
L: känsligheten ställas in för varje boende. Helgbemanningen avgör hur snabbt personalen
L: hinner fram.
U: Särskilt boende | johan.karlsson@sotenas.example.org
U: Hemtjänsten | employee@example.org
A: Rutin för fallriskbedömning och inställning av sensorerna | johan.karlsson@sotenas.example.org
A: Koppla larmen till personalens telefoner | peter.johansson@sotenas.example.org
A: Utbilda nattpersonalen i sensorerna och rutinen

En väg in för invånarnas samtal
H: Om frågor om bygglov, avfall och skolval besvaras i kontaktcenter med stöd av en
H: kunskapsbank, löses minst 60 procent av dem redan i det första samtalet.
K: Frågor som löses i det första samtalet | minst 60 procent
R: met | 67 procent under de tolv veckorna, mätt i telefonisystemet.
K: Väntetid i telefon | högst 3 minuter i snitt
R: partly_met | 2 minuter 40 sekunder i snitt, men över 6 minuter på måndagsförmiddagarna.
L: Kunskapsbanken är nyckeln: varje förvaltning måste äga sina artiklar och hålla dem
L: aktuella. Måndagsförmiddagarna behöver fler i telefon.
U: Samhällsbyggnadsförvaltningen
U: Barn- och utbildningsförvaltningen
U: Socialförvaltningen
A: Förvaltningarna skriver och granskar sina artiklar i kunskapsbanken
A: Gemensamma telefontider för hela kommunen | karin.olsson@sotenas.example.org
A: Utbilda handläggarna i att ta emot ärenden från kontaktcenter
A: Stäng av förvaltningarnas egna växelnummer | peter.johansson@sotenas.example.org

Digital närvaroregistrering i förskolan
H: Om närvaron registreras på en läsplatta vid entrén stämmer närvarolistan alltid vid en
H: utrymning, och pedagogerna slipper skriva in papperslistorna i systemet.
K: Närvarolistor som stämmer vid stickprov | 100 procent
R: met | 20 av 20 stickprov stämde, också vid brandövningen i mars.
K: Tid för närvaroadministration per avdelning och vecka | minst 1 timme mindre
R: met | 1,5 timmar mindre i snitt enligt pedagogernas tidsloggar.
K: Vårdnadshavare som anmäler frånvaro digitalt | minst 75 procent
R: partly_met | 68 procent; många ringer fortfarande in frånvaron på morgonen.
L: Läsplattan vid entrén fungerar, men en del vårdnadshavare behöver hjälp att komma igång
L: med appen. Informationen bör ges redan vid inskolningen.
U: Förskola | linnea.andersson@sotenas.example.org
U: Grundskola
A: Sätt upp läsplattor vid entréerna | peter.johansson@sotenas.example.org
A: Ny rutin för utrymning med närvarolistan i läsplattan
A: Visa vårdnadshavarna appen vid inskolning och föräldramöten

Digital posthantering
H: Om posten skannas i kontaktcenter och fördelas i ärendesystemet, når den handläggaren
H: samma dag, utan att någon post kommer bort.
K: Post som når handläggaren samma dag | minst 90 procent
R: met | 96 procent under piloten med Bygg och miljö.
K: Post som hamnar fel eller saknas | högst 1 procent
R: met | 3 av 1 140 brev hamnade hos fel handläggare och flyttades samma dag.
L: Skanningen går snabbt när posten sorteras efter förvaltning direkt vid ankomsten.
L: Handlingar som ska bevaras i original behöver en egen rutin.
U: Bygg och miljö
U: Socialförvaltningen
U: Barn- och utbildningsförvaltningen
A: Ny rutin för skanning, sortering och original | karin.olsson@sotenas.example.org
A: Utbilda registratorerna i fördelning i ärendesystemet
A: Glesa ut internposten till en tur i veckan

Ruttplanerad snöröjning
H: Med GPS i plogbilarna och en rutt som prioriterar busshållplatser och skolvägar är de
H: viktigaste stråken röjda före klockan sju.
K: Busshållplatser och skolvägar röjda före kl. 7 | minst 90 procent av snödagarna
R: met | 94 procent av de 17 snödagarna, enligt GPS-loggarna.
K: Körda mil per snödag | minst 10 procent färre
R: partly_met | 7 procent färre; två rutter gick inte att korta utan nya vändplaner.
L: Ruttplaneringen fungerar, men entreprenörerna måste vara med när rutterna läggs, och
L: vändplanerna styr mer än vi trodde.
U: Gata/park | ahmed.hassan@sotenas.example.org
U: Fastighetsenheten
A: Montera GPS i entreprenörernas plogbilar
A: Nya rutter som prioriterar busshållplatser och skolvägar | ahmed.hassan@sotenas.example.org
A: Avtala med entreprenörerna om rapportering via GPS

Digitala trygghetslarm
H: Digitala larm med mobil uppkoppling och en larmcentral som verifierar larmen ger säkra
H: larm och färre utryckningar i onödan.
K: Provlarm som når larmcentralen | 100 procent
R: met | Alla 480 veckovisa provlarm nådde larmcentralen.
K: Falsklarm som leder till utryckning | minst 40 procent färre
R: met | 52 procent färre, eftersom larmcentralen först pratar med brukaren.
L: Tekniken är säker, men brukare med demenssjukdom behöver ett larm utan knappar, och
L: installationen ska göras tillsammans med någon som brukaren känner.
U: Hemtjänsten | gunilla.strom@sotenas.example.org
A: Byt alla analoga larm hos brukarna | gunilla.strom@sotenas.example.org
A: Ny rutin för verifiering av larm tillsammans med larmcentralen
A: Säg upp de analoga telefonabonnemangen | mona.axelsson@sotenas.example.org

Sjukanmälan i personalappen
H: Om sjuk- och friskanmälan görs i personalappen med avisering till chef och bemanning,
H: bemannas passen snabbare och cheferna slipper samtalen tidigt på morgonen.
K: Tid från sjukanmälan till bemannat pass | högst 60 minuter i snitt
R: met | 42 minuter i snitt, mot 95 minuter när anmälan gjordes per telefon.
K: Medarbetare som föredrar appen | minst 70 procent
R: partly_met | 66 procent; nattpersonalen vill fortfarande kunna ringa.
L: Appen gör bemanningen snabbare, men det måste gå att ringa nattetid, och chefen ska få
L: aviseringen även när bemanningen redan har tillsatt passet.
U: Hemtjänsten
U: Särskilt boende
U: Förskola
U: Grundskola
A: Ny rutin för sjuk- och friskanmälan | mona.axelsson@sotenas.example.org
A: Informera alla medarbetare på arbetsplatsträffar
A: Stäng den gamla telefonsvararen för sjukanmälan | peter.johansson@sotenas.example.org

Digital matsedel med allergimärkning
H: Om matsedeln publiceras i en app med allergener för varje rätt, ringer vårdnadshavare mer
H: sällan till köken och misstagen med specialkost blir färre.
K: Samtal till skolköken om allergener | minst 50 procent färre
R: met | 62 procent färre samtal under höstterminen.
K: Avvikelser med specialkost | färre än samma termin i fjol
R: met | 2 avvikelser mot 7.
L: Appen avlastar köken, men allergenerna måste läggas in av den som planerar menyn, inte i
L: efterhand.
U: Kostenheten | fatima.yusuf@sotenas.example.org
U: Förskola
A: Lägg in alla recept med allergener i kostsystemet | fatima.yusuf@sotenas.example.org
A: Informera vårdnadshavarna om appen i veckobrevet

LED i gatubelysningen
H: LED-armaturer med nattsänkning halverar elförbrukningen för gatubelysningen utan att
H: invånarna upplever gatorna som mörkare.
K: Elförbrukning per armatur | minst 50 procent lägre
R: met | 58 procent lägre för de 120 armaturerna i pilotområdet.
K: Synpunkter om för mörka gator | högst 5 under vintern
R: met | 2 synpunkter, båda om en gångtunnel som fick en starkare armatur.
L: Nattsänkningen märks inte, men gångtunnlar och övergångsställen behöver full effekt hela
L: natten.
U: Gata/park | ahmed.hassan@sotenas.example.org
U: Fastighetsenheten
A: Byt armaturerna i Kungshamn och Smögen
A: Byt armaturerna i Hunnebostrand och Bovallstrand
A: Lämna kvicksilverlamporna till godkänd mottagning

E-tjänst för ansökan om skolskjuts
H: En e-tjänst som hämtar adress och skola automatiskt gör att alla ansökningar om
H: skolskjuts är beslutade före skolstarten.
K: Ansökningar som görs i e-tjänsten | minst 80 procent
R: met | 87 procent av ansökningarna inför höstterminen.
K: Beslut fattade före skolstarten | 100 procent
R: partly_met | 96 procent; ansökningarna som kom på papper i augusti blev sena.
L: E-tjänsten fungerar, men vårdnadshavare med skyddad identitet behöver en pappersblankett,
L: och sista ansökningsdag måste synas tydligt.
U: Grundskola | sara.nilsson@sotenas.example.org
U: Kontaktcenter
A: Publicera e-tjänsten och informera alla vårdnadshavare
A: Ta bort pappersblanketten från webbplatsen

Taklyftar i alla rum
H: Med taklyftar i rummen på den avdelning där vårdtyngden är störst minskar
H: belastningsskadorna, och förflyttningarna går fortare.
K: Arbetsskador vid förflyttning | högst hälften så många
R: met | 1 anmäld skada mot 4 under samma period året innan.
K: Tid för en förflyttning | minst 5 minuter kortare
R: met | 7 minuter kortare i snitt, eftersom ingen behöver hämta en mobil lyft.
L: Taklyftarna minskar skadorna, men personalen behöver återkommande utbildning, och varje
L: lyft måste besiktigas varje år.
U: Särskilt boende | johan.karlsson@sotenas.example.org
A: Installera taklyftar på avdelningarna | oskar.lundgren@sotenas.example.org
A: Förflyttningsutbildning för all personal
A: Ny rutin för årlig besiktning av lyftarna

Automatisk transkribering av möten
H: En tjänst som skriver ut inspelade möten halverar tiden för att skriva protokoll.
K: Tid för att skriva ett protokoll | minst 50 procent kortare
R: met | 55 procent kortare för de tolv mötena i piloten.
K: Personuppgifter som lämnar EU | inga
R: not_met | Leverantörens underbiträde behandlade ljudfilerna i USA.

Städrobotar i skolans korridorer
H: Städrobotar som städar korridorerna på kvällarna ger renare korridorer och frigör en
H: timme om dagen för klassrummen.
K: Korridorer som godkänns i lokalvårdens kontroll | minst 90 procent
R: not_met | 62 procent; robotarna fastnade i möbler, väskor och trösklar.
K: Tid som frigörs för klassrummen | minst 1 timme per dag
R: partly_met | 25 minuter per dag, eftersom robotarna måste lotsas och tömmas.

Interaktiv aktivitetsskärm
H: En interaktiv skärm med spel och musik i dagrummet ger de boende minst en aktivitet varje
H: eftermiddag.
K: Eftermiddagar med en aktivitet för de boende | minst 4 av 5 vardagar
R: not_met | 2 av 5 i snitt; skärmen användes mest när aktivitetsombudet arbetade.
K: Boende som tycker om aktiviteterna | minst 70 procent
R: met | 80 procent enligt samtalen med de boende och deras anhöriga.
"""
