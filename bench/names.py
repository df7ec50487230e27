"""Swiss-sounding names, towns and watches for the generated bench customers (accents on purpose)."""

# Ordered from common to rare: the generator draws them with falling weights, as real surnames are spread.
LAST_NAMES: tuple[str, ...] = (
    'Müller', 'Meier', 'Schmid', 'Keller', 'Weber', 'Huber', 'Schneider', 'Meyer', 'Steiner', 'Fischer',
    'Gerber', 'Brunner', 'Baumann', 'Frei', 'Zimmermann', 'Moser', 'Widmer', 'Wyss', 'Graf', 'Roth',
    'Favre', 'Girardet', 'Rochat', 'Bonvin', 'Perrin', 'Pittet', 'Blanc', 'Morand', 'Fournier', 'Gaillard',
    'Rossier', 'Clément', 'Mégroz', 'Béguin', 'Crettenand', 'Jaquier', 'Chappuis', 'Dubois', 'Rey', 'Monnier',
    'Bernasconi', 'Rossi', 'Ferrari', 'Galli', 'Lombardi', 'Pedrazzini', 'Bianchi', 'Colombo', 'Fontana', 'Sala',
    'Schär', 'Bürki', 'Zürcher', 'Jäggi', 'Lüthi', 'Fässler', 'Kälin', 'Schönenberger', 'Bühler', 'Brändli',
    'Caflisch', 'Cavelti', 'Decurtins', 'Casanova', 'Derungs', 'Tschantre', 'Łukasik', 'Dvořák', 'Nguyễn', 'Özdemir',
    'Gauthier', 'Vuilleumier', 'Jeanneret', 'Humbert-Droz', 'Château', 'Délèze', 'Fellay', 'Lugon', 'Maître',
    'Théraulaz',
    'Egger', 'Hofer', 'Suter', 'Marti', 'Kaufmann', 'Bachmann', 'Lehmann', 'Stucki', 'Sutter', 'Ammann',
    'Vögeli', 'Nägeli', 'Rüegg', 'Güntert', 'Häfliger', 'Knüsel', 'Grüter', 'Stöckli', 'Würsch', 'Zünd',
    'Dufaux', 'Duflon', 'Dufour', 'Dufresne', 'Dupraz', 'Durussel', 'Favez', 'Fauquex', 'Genoud', 'Girard', 'Golay',
    'Guex', 'Jordan', 'Krieg', 'Liardet', 'Mamin', 'Nicod', 'Oberson', 'Pasche', 'Ruchet', 'Savary',
    'Tercier', 'Udry', 'Vionnet', 'Yerly', 'Zufferey', 'Abächerli', 'Bösch', 'Dörig', 'Eugster', 'Förster',
    'Imhof', 'Kündig', 'Löffel', 'Mäder', 'Niederhäuser', 'Pfändler', 'Räber', 'Sägesser', 'Tännler', 'Übersax',
)

# Surnames of the long tail: a root and an ending ("Bachmann", "Rochaz", "Berger"), so that the most common
# listed name stays near one customer in a hundred, as in the Swiss register, instead of one in twenty.
SURNAME_ROOTS: tuple[str, ...] = (
    'Bach', 'Berg', 'Brun', 'Dub', 'Fav', 'Gir', 'Hof', 'Jacc', 'Mor', 'Perr', 'Rich', 'Schw', 'Stein', 'Wal',
    'Zur', 'Ams', 'Bäch', 'Chapp', 'Cor', 'Dël', 'Ess', 'Fluck', 'Gug', 'Hän', 'Jost', 'Käs', 'Leu', 'Mont', 'Nuss',
    'Pell', 'Rap', 'Sieg', 'Tsch', 'Vauth', 'Wäl', 'Zbin', 'Ruf', 'Cretten', 'Bord', 'Gross', 'Kunz', 'Lanz',
    'Matth', 'Oppl', 'Quart', 'Rossel', 'Sauth', 'Thal', 'Ulr', 'Vill',
)
SURNAME_ENDINGS: tuple[str, ...] = (
    'mann', 'er', 'li', 'az', 'ey', 'oud', 'ex', 'ier', 'ini', 'etti', 'at', 'and', 'ot', 'hard', 'inger', 'egger',
    'wyler', 'matter', 'ach', 'on',
)

FIRST_NAMES: tuple[str, ...] = (
    'Anne', 'Élodie', 'Zoé', 'Chloé', 'Léa', 'Gaëlle', 'Noémie', 'Céline', 'Hélène', 'Sophie',
    'Marie', 'Camille', 'Laure', 'Inès', 'Maëlle', 'Jürg', 'Noé', 'Loïc', 'Joël', 'Raphaël',
    'André', 'Jérôme', 'Frédéric', 'Stéphane', 'Grégoire', 'Luc', 'Marc', 'Pierre', 'Nicolas', 'Olivier',
    'Anna', 'Lena', 'Mia', 'Laura', 'Sarah', 'Lea', 'Nina', 'Jana', 'Jörg', 'Ueli',
    'Lukas', 'Jonas', 'Reto', 'Beat', 'Urs', 'Peter', 'Thomas', 'Daniel', 'Martin', 'Andreas',
    'Luca', 'Matteo', 'Giulia', 'Chiara', 'Sofia', 'Alessandro', 'Lorenzo', 'Francesca', 'Niccolò', 'Gianluca',
    'Kim', 'Marek', 'James', 'Olivia', 'Emma', 'Noah', 'Liam', 'Elif', 'Mehmet', 'Zoë',
)

# (postal code, town): Swiss towns, several with accents or a slash.
TOWNS: tuple[tuple[str, str], ...] = (
    ('1204', 'Genève'), ('1003', 'Lausanne'), ('8001', 'Zürich'), ('3011', 'Bern'), ('4051', 'Basel'),
    ('6900', 'Lugano'), ('1700', 'Fribourg'), ('2000', 'Neuchâtel'), ('1950', 'Sion'), ('1820', 'Montreux'),
    ('1296', 'Coppet'), ('8400', 'Winterthur'), ('9000', 'St. Gallen'), ('6003', 'Luzern'), ('2502', 'Biel/Bienne'),
    ('1260', 'Nyon'), ('3920', 'Zermatt'), ('7500', 'St. Moritz'), ('1630', 'Bulle'), ('2300', 'La Chaux-de-Fonds'),
    ('1400', 'Yverdon-les-Bains'), ('1110', 'Morges'), ('3800', 'Interlaken'), ('6600', 'Locarno'), ('1227', 'Carouge'),
    ('1870', 'Monthey'), ('1920', 'Martigny'), ('2800', 'Delémont'), ('8800', 'Thalwil'), ('8700', 'Küsnacht'),
    ('6300', 'Zug'), ('5400', 'Baden'), ('3600', 'Thun'), ('1350', 'Orbe'), ('1580', 'Avenches'),
    ('3960', 'Sierre'), ('6500', 'Bellinzona'), ('7000', 'Chur'), ('8200', 'Schaffhausen'), ('1180', 'Rolle'),
)

STREETS: tuple[str, ...] = (
    'Rue du Rhône', 'Bahnhofstrasse', 'Via Nassa', 'Avenue de la Gare', 'Grand-Rue', 'Rue de Lausanne', 'Seestrasse',
    'Hauptstrasse', 'Chemin des Vignes', 'Route de Genève', 'Rue du Marché', 'Dorfstrasse', 'Via Cantonale',
    'Rue de la Côte', 'Kirchgasse', 'Avenue de Champel', 'Quai du Mont-Blanc', 'Rämistrasse', 'Rue des Moulins',
    'Chemin de la Forêt', 'Via Pretorio', 'Zürichstrasse', 'Rue Saint-Honoré', 'Place du Temple',
)

# (brand, model, reference prefix)
WATCHES: tuple[tuple[str, str, str], ...] = (
    ('Rolex', 'Oyster Perpetual', 'M124300'), ('Rolex', 'Cosmograph Daytona', 'M126500LN'),
    ('Rolex', 'Submariner Date', 'M126610LN'), ('Patek Philippe', 'Nautilus', '5811/1G'),
    ('Patek Philippe', 'Calatrava', '6119G'), ('Audemars Piguet', 'Royal Oak', '15510ST'),
    ('Omega', 'Speedmaster Moonwatch', '310.30.42'), ('Omega', 'Seamaster Aqua Terra', '220.10.41'),
    ('Vacheron Constantin', 'Overseas', '4520V'), ('Jaeger-LeCoultre', 'Reverso Tribute', 'Q713256J'),
    ('IWC', 'Portugieser Chronograph', 'IW371605'), ('Tudor', 'Black Bay 58', 'M79030N'),
    ('Cartier', 'Santos de Cartier', 'WSSA0018'), ('Breitling', 'Navitimer B01', 'AB0138'),
)

CHARACTERISTICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ('Boîtier', ('Acier', 'Or gris', 'Or rose', 'Titane')),
    ('Bracelet', ('Acier', 'Cuir', 'Caoutchouc')),
    ('Cadran coul.', ('Argenté', 'Bleu', 'Noir', 'Vert', 'Blanc')),
    ('Mouvement', ('Automatique', 'Manuel')),
    ('Diamètre (mm)', ('36', '39', '40', '41', '42')),
    ('Glace', ('Saphir',)),
    ('Etanchéité (m)', ('50', '100', '300')),
)
