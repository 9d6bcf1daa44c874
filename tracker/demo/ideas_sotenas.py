"""The demo ideas of Sotenäs kommun, in the block format of tracker/demo/content.py."""

SOTENAS = """
Digitala tillsynsbesök nattetid | Hemtjänsten | Vård och omsorg | submitted
Nattpatrullen kör långt för korta tillsynsbesök och väcker brukare som sover.
Erbjud kameratillsyn nattetid till brukare som vill, med samtycke och en tydlig rutin.
Ostörd nattsömn för brukarna, färre körmil och mer tid för besök som kräver personal.

Läsplattor för äldre på särskilt boende | Särskilt boende | Vård och omsorg | submitted
Många boende har anhöriga som bor långt bort och känner sig ensamma mellan besöken.
Köp in läsplattor med enkla videosamtal och utse ett digitalt ombud på varje avdelning.
Mindre ensamhet, nöjdare anhöriga och ett enkelt sätt att delta i aktiviteter på distans.

Gemensam vikariepool för Socialförvaltningen | Särskilt boende | Arbetsmiljö | submitted
Varje enhet ringer själv runt efter vikarier, ofta till samma personer och sent på kvällen.
Samla timvikarierna i en gemensam pool med ett bemanningsschema och en kontaktperson.
Färre obemannade pass, mindre stress för enhetscheferna och tryggare villkor för vikarierna.

Digital planering av hemtjänstens turer | Hemtjänsten | Effektivisering | submitted
Turerna planeras i Excel varje morgon, och det tar en samordnare två timmar om dagen.
Använd planeringsstödet i verksamhetssystemet, som lägger turerna efter restid och kompetens.
Kortare restider, jämnare arbetsbelastning och mer tid hos brukarna.

E-tjänst för ansökan om försörjningsstöd | Individ- och familjeomsorgen | Digitalisering | submitted
Ansökan görs på papper och kompletteringar tar veckor, så handläggningen drar ut på tiden.
Inför en e-tjänst med BankID där den sökande laddar upp underlagen direkt.
Snabbare beslut för den sökande och mindre manuell registrering för handläggarna.

Återanvändbara matlådor i hemtjänsten | Hemtjänsten | Miljö och klimat | submitted
Matlådorna till brukarna ger stora mängder plast och kartong varje vecka.
Byt till återanvändbara lådor som hämtas vid nästa leverans och diskas i tillagningsköket.
Mindre avfall och lägre kostnad för engångsförpackningar.

Kortare nattfasta på särskilt boende | Särskilt boende | Vård och omsorg | submitted
Nattfastan är över elva timmar; Gun Persson på Tallen har gått ner sex kilo sedan i våras.
Servera ett näringsrikt kvällsmål senare och en enkel frukost för den som vaknar tidigt.
Kortare nattfasta, bättre nutrition och lugnare nätter.

Felanmälan med bild via mobilen | Gata/park | Service till invånare | submitted | citizen_dialogue
Invånare ringer in trasig belysning och potthål, och vi får själva leta upp platsen.
En felanmälan i mobilen där invånaren markerar platsen på kartan och bifogar en bild.
Rätt plats direkt, färre samtal till kontaktcenter och snabbare åtgärder.

Utvecklingssamtal via video | Grundskola | Digitalisering | submitted
Vårdnadshavare som arbetar skift har svårt att komma på utvecklingssamtal på dagtid.
Erbjud utvecklingssamtal via video som ett alternativ, med bokning i lärplattformen.
Fler samtal blir av, färre ombokningar och bättre kontakt med hemmet.

Tyst rum för återhämtning i förskolan | Förskola | Arbetsmiljö | submitted | survey
Pedagogerna har ingen plats för återhämtning under rasten, och bullret är konstant.
Gör om ett förråd till ett tyst rum med ljuddämpning och en bekväm fåtölj.
Bättre återhämtning, mindre ljudstress och färre korta sjukskrivningar.

Sms när bygglovsansökan är komplett | Bygg och miljö | Service till invånare | submitted
Sökande ringer ofta för att fråga om ansökan är komplett och när beslutet kommer.
Skicka sms automatiskt när ansökan är komplett och när beslutet är fattat.
Färre samtal till handläggarna och en tydligare process för den sökande.

Självservice för lösenordsbyte | IT-enheten | Digitalisering | submitted
Supporten låser upp konton per telefon utan att kontrollera vem som ringer; konton kan kapas.
Inför självservice för att återställa lösenordet med BankID eller Freja eID.
Färre supportärenden och medarbetare som snabbt kommer tillbaka i arbete.

Chattbot på kontaktcenter | Kontaktcenter | Service till invånare | screening
Många samtal gäller samma frågor: sophämtning, bygglov, skolval och öppettider.
En chattbot på webbplatsen som svarar på vanliga frågor dygnet runt och lotsar vidare.
Kortare kötider i telefon och svar även på kvällar och helger.

Gemensam bilpool för förvaltningarna | Ekonomi- och personalenheten | Effektivisering | screening
Varje förvaltning leasar egna bilar som står stilla stora delar av dagen.
Samla bilarna i en gemensam bilpool med digital bokning och elektroniska nyckelskåp.
Färre bilar, lägre kostnader och bättre beläggning.

Bildstöd och översättning i förskolan | Förskola | Service till invånare | screening
Många vårdnadshavare har inte svenska som modersmål och missar viktig information.
Använd bildstöd och en översättningsapp vid lämning och hämtning och i veckobreven.
Tryggare vårdnadshavare och färre missförstånd.

Trygghetsvandringar som följs upp | Gata/park | Service till invånare | screening | citizen_dialogue
Synpunkterna från trygghetsvandringarna hamnar i protokoll som ingen följer upp.
Lägg in varje brist som ett ärende på kartan och återkoppla till deltagarna när den är åtgärdad.
Synliga åtgärder, ökat förtroende och tryggare platser.

Digital signering av genomförandeplaner | Hemtjänsten | Digitalisering | screening
Genomförandeplaner skrivs ut och signeras på plats, och papperen kommer ibland bort.
Låt brukare och företrädare signera med BankID eller på läsplattan vid besöket.
Färre utskrifter och planer som alltid är aktuella i journalen.

Friskvård för nattpersonal | Särskilt boende | Arbetsmiljö | screening | survey
Nattpersonalen kan inte använda friskvårdstimmen, som bara får tas ut dagtid.
Låt friskvårdstimmen tas flexibelt och teckna avtal med ett gym som har öppet dygnet runt.
Likvärdig friskvård och bättre hälsa bland nattpersonalen.

Solceller på kommunens förråd | Fastighetsenheten | Miljö och klimat | screening
Kommunens stora förrådstak står oanvända medan elkostnaderna ökar.
Inventera takytorna och sätt solceller på de tre största förråden.
Egen el, lägre elkostnader och minskade utsläpp.

Mentorer för nyanställda lärare | Grundskola | Arbetsmiljö | screening
Nya lärare slutar ofta inom två år och känner sig ensamma den första tiden.
Ge varje nyanställd lärare en erfaren mentor med avsatt tid under det första året.
Lägre personalomsättning och snabbare introduktion.

Boka kommunens lokaler på webben | Kontaktcenter | Service till invånare | screening | partner
Föreningar bokar lokaler via e-post och telefon och vet inte vad som är ledigt.
Visa lediga tider och låt föreningarna boka och betala lokalerna direkt på webben.
Bättre nyttjande av lokalerna och mindre administration.

E-signering av avtal och beslut | Ekonomi- och personalenheten | Digitalisering | prioritised
Avtal skrivs ut, signeras för hand, skannas in och skickas med post; det tar ofta en vecka.
Inför e-signering med BankID för avtal, delegationsbeslut och anställningsavtal.
Dagar blir minuter, mindre porto och papper, och en spårbar process.

Digital introduktion för nya medarbetare | Ekonomi- och personalenheten | Arbetsmiljö | prioritised
Introduktionen skiljer sig mycket mellan enheterna, och viktiga delar glöms bort.
En gemensam digital introduktion med checklistor, korta filmer och en sida på intranätet.
Likvärdig introduktion, tryggare nyanställda och mindre tid för cheferna.

Läxhjälp på biblioteket | Grundskola | Service till invånare | prioritised | partner
Elever utan stöd hemma halkar efter, och läxhjälpen når inte dem som behöver den mest.
Läxhjälp två kvällar i veckan på biblioteket tillsammans med ett studieförbund.
Bättre måluppfyllelse och mer likvärdiga förutsättningar.

Närvarostyrd belysning i idrottshallar | Fastighetsenheten | Miljö och klimat | prioritised
Belysningen i idrottshallarna står ofta tänd hela kvällen, fast ingen är där.
Installera närvarostyrd LED-belysning i de två största hallarna.
Lägre elförbrukning och lägre driftkostnader.

Anhörigapp för särskilt boende | Särskilt boende | Service till invånare | prioritised
Anhöriga ringer ofta mitt i omvårdnaden för att höra hur deras närstående har det.
En app där personalen delar bilder och korta hälsningar, med samtycke från den boende.
Tryggare anhöriga och färre avbrott i arbetet.

Önskeschema i hemtjänsten | Hemtjänsten | Arbetsmiljö | prioritised | survey
Medarbetarenkäten visar att schemat är den största källan till missnöje.
Inför önskeschema i bemanningssystemet, där medarbetarna lägger sina önskemål först.
Större inflytande över arbetstiden, högre frisknärvaro och lättare att rekrytera.

Samordnade inköp av skolmaterial | Grundskola | Effektivisering | prioritised
Varje skola beställer material för sig och betalar ofta mer än avtalspriset.
En gemensam beställning per termin i e-handelssystemet från de avtalade leverantörerna.
Lägre inköpskostnader och mindre tid för beställningar.

Inventering av gatubelysningen i app | Gata/park | Digitalisering | prioritised
Vi vet inte exakt var alla belysningsstolpar står eller hur gamla de är.
Inventera belysningen med en app och lägg in varje stolpe i kartsystemet.
Bättre underhållsplanering och snabbare felavhjälpning.

Matsvinn i skolköket | Kostenheten | Miljö och klimat | pilot
Skolköken slänger i genomsnitt 40 gram mat per portion.
Väg tallrikssvinnet varje dag, visa resultatet för eleverna och justera menyn efter det.
Mindre matsvinn, lägre livsmedelskostnad och elever som bryr sig om maten.

Sensorer för tömning av papperskorgar | Gata/park | Miljö och klimat | pilot
Papperskorgarna töms enligt schema, oavsett om de är fulla eller tomma.
Sätt fyllnadssensorer i papperskorgarna längs hamnen och töm dem efter behov.
Färre onödiga körningar och inga överfulla papperskorgar under sommaren.

Läkemedelsrobotar för hemmaboende | Hemtjänsten | Vård och omsorg | pilot
Många besök görs bara för att lämna läkemedel, hos vissa brukare fyra gånger om dagen.
Testa läkemedelsrobotar hos brukare som klarar att ta sina läkemedel själva.
Färre besök, mer självständiga brukare och rätt läkemedel i rätt tid.

Automatiserad fakturahantering | Ekonomi- och personalenheten | Effektivisering | pilot
Leverantörsfakturorna, 1 200 i månaden, konteras och attesteras för hand.
Låt en mjukvarurobot kontera återkommande fakturor mot avtal och beställningar.
Mindre manuellt arbete, färre fel och snabbare betalningar.

Sensorer för inomhusklimat i klassrum | Grundskola | Arbetsmiljö | pilot
Lärare och elever klagar på dålig luft och värme, men vi saknar mätdata.
Sätt sensorer för koldioxid och temperatur i tio klassrum och styr ventilationen efter dem.
Bättre luft, piggare elever och underlag för fastighetsinvesteringarna.

Videosamtal i familjebehandlingen | Individ- och familjeomsorgen | Digitalisering | pilot
Familjebehandlarna kör långt för korta uppföljande samtal.
Erbjud uppföljande samtal via säker video när familjen själv vill det.
Tätare kontakt med familjerna och mindre restid.

Digital nyckelhantering i hemtjänsten | Hemtjänsten | Digitalisering | rollout
Personalen hämtar och lämnar fysiska nycklar på kontoret flera gånger om dagen.
Digitala lås hos brukarna som öppnas med mobilen och loggar varje besök.
Kortare körtider, inga borttappade nycklar och tryggare brukare.

Cykelpool för personal | Ekonomi- och personalenheten | Miljö och klimat | rollout
Korta tjänsteresor i tätorterna görs med bil, fast det går lika fort att cykla.
En pool med elcyklar vid kommunhuset och de större arbetsplatserna, bokade digitalt.
Färre bilresor, lägre kostnader och friskare medarbetare.

Sensorer för fallprevention | Särskilt boende | Vård och omsorg | rollout
Fall nattetid upptäcks sent och leder ofta till frakturer.
Rörelsesensorer vid sängen som larmar när en boende med hög fallrisk går upp.
Färre fallskador och tryggare nätter för de boende.

En väg in för invånarnas samtal | Kontaktcenter | Service till invånare | rollout | survey
Invånarna slussas runt mellan förvaltningarna och får olika svar på samma fråga.
Samla telefonin i kontaktcenter med gemensamma telefontider och en kunskapsbank.
Fler frågor löses redan i det första samtalet.

Digital närvaroregistrering i förskolan | Förskola | Effektivisering | rollout
Närvaron förs på papperslistor som sedan skrivs in för hand i systemet.
Registrera närvaron på en läsplatta vid entrén, där vårdnadshavare också anmäler frånvaro.
Säker utrymning vid brand, rätt underlag för avgifterna och mindre administration.

Digital posthantering | Kontaktcenter | Effektivisering | follow_up
All inkommande post öppnas, stämplas och körs runt till förvaltningarna för hand.
Skanna posten i kontaktcenter och fördela den digitalt i ärendesystemet.
Posten når handläggaren samma dag, och internposten kan köras mer sällan.

Ruttplanerad snöröjning | Gata/park | Effektivisering | follow_up
Snöröjningen körs i samma ordning sedan många år, oavsett var behovet är störst.
GPS i plogbilarna och en ruttplanering som prioriterar busshållplatser och skolvägar.
Snabbare röjning av de viktigaste stråken och färre körda mil.

Digitala trygghetslarm | Hemtjänsten | Vård och omsorg | follow_up
De analoga trygghetslarmen slutar fungera när kopparnätet läggs ned.
Byt till digitala larm med mobil uppkoppling och en larmcentral som verifierar larmen.
Säkra larm, färre falsklarm och kortare insatstider.

Sjukanmälan i personalappen | Ekonomi- och personalenheten | Arbetsmiljö | follow_up
Sjukanmälan görs per telefon till chefen tidigt på morgonen, ofta i flera samtal.
Sjuk- och friskanmälan i personalappen, med avisering till chef och bemanning.
Snabbare bemanning av passen och mindre stress för cheferna.

Digital matsedel med allergimärkning | Kostenheten | Service till invånare | realised
Vårdnadshavare ringer skolköken för att fråga om allergener i maten.
Publicera matsedeln i en app med allergener och specialkost för varje rätt.
Färre samtal, tryggare vårdnadshavare och färre misstag med specialkost.

LED i gatubelysningen | Gata/park | Miljö och klimat | realised
Kvicksilverlamporna drar mycket el och får inte längre säljas.
Byt armaturerna till LED med nattsänkning, etappvis med start i tätorterna.
Halverad elförbrukning för gatubelysningen och mindre underhåll.

E-tjänst för ansökan om skolskjuts | Grundskola | Digitalisering | realised
Ansökningarna om skolskjuts kommer på papper och registreras för hand varje höst.
En e-tjänst för skolskjuts som hämtar adress och skola automatiskt.
Beslut före skolstarten och mindre manuell registrering.

Taklyftar i alla rum | Särskilt boende | Arbetsmiljö | realised
Förflyttningar görs med mobila lyftar eller för hand, vilket ger belastningsskador.
Installera taklyftar i alla rum på de avdelningar där vårdtyngden är störst.
Färre arbetsskador, tryggare förflyttningar och ingen tid på att leta lyftar.

Egen app för kommunens tjänster | IT-enheten | Digitalisering | declined | citizen_dialogue
Invånare tycker att det är svårt att hitta bland kommunens e-tjänster.
Bygg en egen app där alla kommunens tjänster finns samlade.
En väg in för invånarna.
En egen app blir dyr att förvalta; vi förbättrar i stället e-tjänstesidan på webbplatsen.

Personalgym i kommunhuset | Ekonomi- och personalenheten | Arbetsmiljö | declined | survey
Det är svårt att hinna träna före eller efter arbetet.
Inred ett litet gym i källaren i kommunhuset.
Bättre hälsa och lägre sjukfrånvaro.
Lokalen behövs som arkiv, och friskvårdsbidraget räcker till gymkort på orten.

Robotgräsklippare på bollplanerna | Gata/park | Effektivisering | declined
Gräsklippningen av bollplanerna tar mycket tid under försommaren.
Köp robotgräsklippare till alla bollplaner.
Mindre tid på klippning och jämnare gräs.
Bollplanerna sköts av föreningarna enligt avtal; förslaget har skickats vidare till dem.

Läsplattor till alla elever i förskoleklass | Grundskola | Digitalisering | declined
Förskoleklasserna delar på några få läsplattor.
Köp en läsplatta till varje elev i förskoleklass.
Mer tid med digitala läromedel.
Digitaliseringsplanen ger redan varje elev en egen enhet från och med nästa läsår.

Biogas av kommunens matavfall | Fastighetsenheten | Miljö och klimat | parked | partner
Matavfallet transporteras långt för att rötas i en annan kommun.
Utred en gemensam biogasanläggning med grannkommunerna.
Kortare transporter och eget fordonsbränsle.
Väntar på den regionala avfallsplanen; vi tar upp idén igen när den är beslutad.

Fyradagarsvecka i hemtjänsten | Hemtjänsten | Arbetsmiljö | parked
Många i hemtjänsten går ned i tid för att orka, vilket gör det svårt att bemanna.
Pröva fyra dagars arbetsvecka med bibehållen lön på en av grupperna.
Högre frisknärvaro och fler som vill arbeta heltid.
Vi avvaktar utvärderingen av grannkommunens försök med nya arbetstidsmodeller.

Gemensamt ärendesystem för tre kommuner | IT-enheten | Digitalisering | parked | partner
De tre kommunerna har olika ärendesystem och kan inte dela rutiner eller support.
Upphandla ett gemensamt ärendesystem tillsammans med Munkedal och Lysekil.
Lägre licenskostnader och gemensam förvaltning.
Nuvarande avtal löper två år till; vi tar upp idén inför nästa upphandling.

Automatisk transkribering av möten | IT-enheten | Digitalisering | stopped
Protokoll och minnesanteckningar tar lång tid att skriva.
Testa tjänster som skriver ut talat språk från inspelade möten.
Snabbare protokoll och mindre tid för sekreterarna.
Lärdom: tekniken fungerade, men data lämnade EU; vi väntar på en tjänst med avtal inom EU.

Städrobotar i skolans korridorer | Fastighetsenheten | Effektivisering | stopped
Lokalvårdarna hinner inte städa korridorerna ordentligt under skoldagen.
Testa städrobotar som städar korridorerna på kvällarna.
Renare lokaler och mer tid för klassrummen.
Lärdom: robotarna fastnade i möbler och väskor; ett nytt städschema gav mer för pengarna.

Interaktiv aktivitetsskärm | Särskilt boende | Vård och omsorg | stopped
De boende har för få aktiviteter under eftermiddagarna.
Testa en interaktiv skärm med spel och musik i dagrummet.
Fler aktiviteter och gladare eftermiddagar.
Lärdom: de boende gillade skärmen, men personalen hann inte använda den utan ett aktivitetsombud.

Bättre parkering vid kommunhuset | Kontaktcenter | Service till invånare | withdrawn
Besökare hittar inte lediga platser vid kommunhuset.
Märk ut besöksplatserna tydligare.
Enklare för besökare.
Samma förslag fanns redan hos Samhällsbyggnad, så jag drog tillbaka mitt.

Gemensam kalender för föräldramöten | Förskola | Digitalisering | withdrawn
Föräldrarna får datum för möten i olika kanaler.
En gemensam kalender för alla förskolor.
Färre missade möten.
Funktionen finns redan i lärplattformen.
"""

# The tags of about half of the ideas, by title: the keywords people would search for.
SOTENAS_TAGS = {
    "Digitala tillsynsbesök nattetid": ("välfärdsteknik", "hemtjänst", "nattillsyn"),
    "Läsplattor för äldre på särskilt boende": ("välfärdsteknik", "ofrivillig ensamhet"),
    "Gemensam vikariepool för Socialförvaltningen": ("bemanning", "arbetsmiljö"),
    "Digital planering av hemtjänstens turer": ("hemtjänst", "planering"),
    "E-tjänst för ansökan om försörjningsstöd": ("e-tjänst", "BankID"),
    "Återanvändbara matlådor i hemtjänsten": ("hemtjänst", "avfall"),
    "Felanmälan med bild via mobilen": ("e-tjänst", "medborgardialog"),
    "Tyst rum för återhämtning i förskolan": ("arbetsmiljö", "återhämtning"),
    "Chattbot på kontaktcenter": ("AI", "kontaktcenter"),
    "Digital signering av genomförandeplaner": ("e-signering", "hemtjänst"),
    "Friskvård för nattpersonal": ("arbetsmiljö", "friskvård"),
    "Solceller på kommunens förråd": ("energi", "klimat"),
    "E-signering av avtal och beslut": ("e-signering", "papperslöst"),
    "Närvarostyrd belysning i idrottshallar": ("energi",),
    "Önskeschema i hemtjänsten": ("arbetsmiljö", "hemtjänst", "schemaläggning"),
    "Matsvinn i skolköket": ("matsvinn", "skolmåltider"),
    "Sensorer för tömning av papperskorgar": ("sensorer", "IoT"),
    "Läkemedelsrobotar för hemmaboende": ("välfärdsteknik", "hemtjänst", "läkemedel"),
    "Automatiserad fakturahantering": ("automatisering", "AI"),
    "Sensorer för inomhusklimat i klassrum": ("sensorer", "arbetsmiljö"),
    "Digital nyckelhantering i hemtjänsten": ("välfärdsteknik", "hemtjänst"),
    "Sensorer för fallprevention": ("välfärdsteknik", "sensorer"),
    "En väg in för invånarnas samtal": ("kontaktcenter",),
    "Digital posthantering": ("papperslöst", "automatisering"),
    "Ruttplanerad snöröjning": ("planering",),
    "Digitala trygghetslarm": ("välfärdsteknik", "hemtjänst"),
    "Digital matsedel med allergimärkning": ("skolmåltider", "e-tjänst"),
    "LED i gatubelysningen": ("energi", "klimat"),
    "E-tjänst för ansökan om skolskjuts": ("e-tjänst",),
    "Taklyftar i alla rum": ("arbetsmiljö",),
    "Automatisk transkribering av möten": ("AI",),
    "Biogas av kommunens matavfall": ("matsvinn", "klimat"),
}

# Confidential: the first names a resident, the second describes a security weakness.
SOTENAS_CONFIDENTIAL = frozenset(
    {"Kortare nattfasta på särskilt boende", "Självservice för lösenordsbyte"}
)
